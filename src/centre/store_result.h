#pragma once
// How the centre's store reports failure: a StoreError with a kind the server can turn into a status
// code (bad input and gaps are the caller's to fix; a conflict or a tampered line is refused for good;
// a database problem is the centre's) and one sentence for people. Never an exception across the
// store's interface, the same policy as core/common/error.h.
#include "core/common/error.h"

#include <string>

namespace pinpoint::centre {

enum class Problem {
    BadInput,   // a malformed request: bad session key, not a header on line 0, empty name, ...
    NotFound,   // no such station, session, person
    Refused,    // the station's token was revoked
    Gap,        // a batch starts past the lines stored: the station must resend from the stored count
    Conflict,   // a different line is stored at that index, or a name or login is taken
    Tampered,   // a line's seal or signature does not follow from the lines before it
    Database,   // the database failed (connection lost, disk full, a migration did not apply)
};

struct StoreError {
    Problem problem = Problem::Database;
    std::string message;
    int storedLines = -1;  // for Gap and Conflict on appendLines: the session's stored count, else -1

    std::string describe() const;  // "<kind>: <message>"
};

const char* problemName(Problem problem);  // "bad_input", "not_found", "refused", "gap", ...

struct Done {};  // the value of an operation that has none

template <class T>
using Result = core::Result<T, StoreError>;

inline StoreError storeError(Problem problem, std::string message) { return StoreError{problem, std::move(message), -1}; }

}  // namespace pinpoint::centre
