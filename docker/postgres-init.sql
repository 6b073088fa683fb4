-- The three stores on one server (docs/operations.md explains putting them on three).
CREATE DATABASE herald_account;
CREATE DATABASE herald_usage;
CREATE DATABASE herald_content;
