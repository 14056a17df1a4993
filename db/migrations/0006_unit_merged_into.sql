-- One unit the office knew under two names (a name corrected in the unit's settings, a commune renamed):
-- the name given up points to the unit kept. Its packages stay as they were received, under the name they
-- were sent with; the office's views count them as the kept unit's.
ALTER TABLE unit ADD COLUMN merged_into INTEGER REFERENCES unit (id);
