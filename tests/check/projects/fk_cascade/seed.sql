INSERT INTO authors (id, name) VALUES (1, 'Le Guin'), (2, 'Lem');
INSERT INTO books (id, author_id, title) VALUES (1, 1, 'The Dispossessed'), (2, 1, 'Earthsea'), (3, 2, 'Solaris');
