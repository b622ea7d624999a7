-- Accreditation rights, meeting rooms and badges (PRODUCT.md §3, issue #5).
--
-- The person a designation names is found by the address on its form: kept in a column
-- (lower case) so that an account's accreditation rights are one indexed lookup.
ALTER TABLE designations ADD COLUMN email TEXT CHECK (email IS NULL OR char_length(email) <= 254);
UPDATE designations SET email = lower(fields::json ->> 'email');
CREATE INDEX designations_rights ON designations (email, status) WHERE accreditation_rights = 1;

-- Meeting rooms of a duty station, booked by holders of accreditation rights. Two bookings of
-- one room never overlap: a booking is written in a transaction that first updates its room's
-- row (serialising the room's bookings on both databases) and then checks the room's bookings
-- (accreditation::rooms::conflicting_booking). Times are the station's local wall-clock time,
-- 'YYYY-MM-DDTHH:MM', so that text order is time order.
CREATE TABLE meeting_rooms (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    duty_station TEXT NOT NULL CHECK (duty_station IN ('new_york', 'geneva', 'vienna')),
    name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 5000),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    UNIQUE (duty_station, name)
);
CREATE TABLE room_bookings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES meeting_rooms(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    -- The designation whose rights the booking was made under.
    designation_id BIGINT NOT NULL REFERENCES designations(id),
    booked_by BIGINT NOT NULL REFERENCES users(id),
    starts_at TEXT NOT NULL CHECK (char_length(starts_at) = 16),
    ends_at TEXT NOT NULL CHECK (char_length(ends_at) = 16 AND ends_at > starts_at),
    purpose TEXT NOT NULL CHECK (char_length(purpose) BETWEEN 1 AND 200),
    status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
    created_at BIGINT NOT NULL,
    cancelled_by BIGINT REFERENCES users(id),
    cancelled_at BIGINT
);
CREATE INDEX room_bookings_room ON room_bookings (room_id, starts_at);
CREATE INDEX room_bookings_booker ON room_bookings (booked_by, starts_at);

-- Badges: each print of an approved designation's badge has a random serial; the QR code
-- carries only the serial and its signature. A re-print issues a new serial and the older
-- badge stops being valid.
CREATE TABLE badges (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    designation_id BIGINT NOT NULL REFERENCES designations(id),
    serial TEXT NOT NULL UNIQUE CHECK (char_length(serial) BETWEEN 8 AND 64),
    printed_by BIGINT NOT NULL REFERENCES users(id),
    printed_at BIGINT NOT NULL
);
CREATE INDEX badges_designation ON badges (designation_id, id);

-- Keys the application generates once and shares between its instances (the badge signing key).
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY CHECK (char_length(name) <= 100),
    value TEXT NOT NULL CHECK (char_length(value) <= 1000)
);
