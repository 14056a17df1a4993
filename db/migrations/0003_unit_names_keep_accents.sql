-- Units are told apart by their whole name, tones included: "UBND xã Hòa An" and "UBND xã Hòa Ân" are two
-- communes, which the accent-free key of schema 1 made one (the second's packages replaced the first's).
-- The column keeps its name; it now holds domain.text.name_key(name), registered as dti_name_key() by the
-- migration runner. Keys only get finer, so existing rows stay unique.
UPDATE unit SET name_folded = dti_name_key(name);
