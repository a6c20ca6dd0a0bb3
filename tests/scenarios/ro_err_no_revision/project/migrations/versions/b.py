"""no revision variable: the legacy hex file name is the id"""
down_revision = "aaaa0001"
