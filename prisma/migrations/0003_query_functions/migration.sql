-- Helpers the query compiler (packages/query) emits. The dialect is lenient
-- where SQL is strict: a value that does not convert becomes NULL instead of
-- failing the query. The checks are plain SQL where they can be, so the
-- planner inlines them; the rest catch the conversion error (plpgsql).

CREATE FUNCTION kt_try_numeric(v text) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN v ~ '^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?\s*$' THEN v::numeric END $$;

CREATE FUNCTION kt_try_bigint(v text) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN v ~ '^\s*[-+]?\d{1,18}\s*$' THEN v::bigint END $$;

CREATE FUNCTION kt_try_boolean(v text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE lower(btrim(v)) WHEN 'true' THEN true WHEN 't' THEN true WHEN '1' THEN true
                                  WHEN 'false' THEN false WHEN 'f' THEN false WHEN '0' THEN false END $$;

CREATE FUNCTION kt_try_timestamp(v text) RETURNS timestamptz
  LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$ BEGIN RETURN v::timestamptz; EXCEPTION WHEN others THEN RETURN NULL; END $$;

CREATE FUNCTION kt_try_jsonb(v text) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ BEGIN RETURN v::jsonb; EXCEPTION WHEN others THEN RETURN NULL; END $$;

CREATE FUNCTION kt_try_inet(v text) RETURNS inet
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ BEGIN RETURN btrim(v)::inet; EXCEPTION WHEN others THEN RETURN NULL; END $$;

-- Group 0 is the whole match, as in the dialect.
CREATE FUNCTION kt_regexp_extract(s text, pattern text, grp int) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT regexp_substr(s, pattern, 1, 1, '', grp) $$;

-- A JSON value as the dialect shows it as text: a string is its value (so
-- `json_format(json_array_get(sourceIPs, 0))` is an address), the rest JSON.
CREATE FUNCTION kt_json_text(v jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' ELSE v::text END $$;

-- Full-text terms: some value of the event, at any depth (keys are not
-- values), matches the term's token regex.
CREATE FUNCTION kt_jsonb_matches(v jsonb, re text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT EXISTS (SELECT 1 FROM jsonb_path_query(v, 'strict $.**') AS x(item)
                     WHERE jsonb_typeof(x.item) IN ('string', 'number', 'boolean') AND (x.item #>> '{}') ~* re) $$;

-- Inside try(): a malformed pattern gives no value instead of failing the query.
CREATE FUNCTION kt_try_regexp_like(s text, pattern text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ BEGIN RETURN s ~ pattern; EXCEPTION WHEN invalid_regular_expression THEN RETURN NULL; END $$;

CREATE FUNCTION kt_try_regexp_extract(s text, pattern text, grp int) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ BEGIN RETURN regexp_substr(s, pattern, 1, 1, '', grp);
         EXCEPTION WHEN invalid_regular_expression OR invalid_parameter_value THEN RETURN NULL; END $$;

CREATE FUNCTION kt_try_regexp_replace(s text, pattern text, replacement text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ BEGIN RETURN regexp_replace(s, pattern, replacement, 'g');
         EXCEPTION WHEN invalid_regular_expression THEN RETURN NULL; END $$;

CREATE FUNCTION kt_json_scalar(v jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(v) IN ('object', 'array') THEN NULL ELSE v #>> '{}' END $$;

CREATE FUNCTION kt_json_array_length(v jsonb) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'array' THEN jsonb_array_length(v) END $$;

CREATE FUNCTION kt_json_array_get(v jsonb, i int) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'array' THEN v -> i END $$;

CREATE FUNCTION kt_contains(v jsonb, item text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'array' THEN v @> to_jsonb(item) END $$;

CREATE FUNCTION kt_is_subnet_of(network text, address text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT kt_try_inet(address) <<= kt_try_inet(network) $$;

-- histogram(x): how often each value occurs, as a JSON object.
CREATE FUNCTION kt_histogram_step(state jsonb, v text) RETURNS jsonb
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN v IS NULL THEN state
                  ELSE jsonb_set(state, ARRAY[v], to_jsonb(coalesce((state ->> v)::bigint, 0) + 1)) END $$;
CREATE AGGREGATE kt_histogram(text) (SFUNC = kt_histogram_step, STYPE = jsonb, INITCOND = '{}');
