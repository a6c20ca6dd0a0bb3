CREATE TABLE t (
	id CHAR(36) NOT NULL, 
	created DATETIME NOT NULL, 
	data JSON, 
	updated TIMESTAMP, 
	name VARCHAR(50), 
	short VARCHAR(8), 
	plain VARCHAR, 
	state VARCHAR(14), 
	level VARCHAR(4), 
	level_checked VARCHAR(4), 
	PRIMARY KEY (id), 
	CONSTRAINT job_state CHECK (state IN ('IDLE', 'RUNNING_LONGER')), 
	CONSTRAINT level CHECK (level_checked IN ('LOW', 'HIGH'))
)
