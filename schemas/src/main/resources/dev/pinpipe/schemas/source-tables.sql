-- The source database's three tables (RDS MySQL in production, MariaDB locally, H2 in MySQL
-- mode by default), with the original column names. One row per post in each; ind joins them.
CREATE TABLE IF NOT EXISTS pinterest_data (
  `index` INT NOT NULL PRIMARY KEY,
  unique_id VARCHAR(36),
  title TEXT,
  description TEXT,
  poster_name VARCHAR(255),
  follower_count VARCHAR(32),
  tag_list TEXT,
  is_image_or_video VARCHAR(64),
  image_src TEXT,
  downloaded INT,
  save_location VARCHAR(255),
  category VARCHAR(64)
);
CREATE TABLE IF NOT EXISTS geolocation_data (
  ind INT NOT NULL PRIMARY KEY,
  `timestamp` DATETIME,
  latitude DOUBLE,
  longitude DOUBLE,
  country VARCHAR(255)
);
CREATE TABLE IF NOT EXISTS user_data (
  ind INT NOT NULL PRIMARY KEY,
  first_name VARCHAR(255),
  last_name VARCHAR(255),
  age INT,
  date_joined DATETIME
);
