"""no revision variable, no hex file name"""
down_revision = "aaaa0001"
