INSERT INTO users (id, name, email) VALUES (1, 'ada', 'a@x.org'), (2, 'grace', 'a@x.org'), (3, 'alan', 'c@x.org');
