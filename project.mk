# project.mk: placeholder, completed below
