import sqlalchemy as sa
revision = "abc"