CREATE TABLE t (
	id CHAR(36) NOT NULL, 
	created DATETIME NOT NULL, 
	data JSON, 
	updated TIMESTAMP, 
	name VARCHAR(50), 
	short VARCHAR(8), 
	plain VARCHAR, 
	PRIMARY KEY (id)
)
