#pragma once
// The error policy: a bad file or bad user data is a located Error returned to the caller (never an
// exception across the core API); a programmer error is an assert.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace pinpoint::core {

struct Error {
    std::string file;     // empty when not about a file
    int line = 0;         // 1-based; 0 when unknown
    int column = 0;       // 1-based; 0 when unknown
    std::string message;  // what is wrong
    std::string hint;     // what to do about it (may be empty)

    // "file:line:col: message" (parts omitted when unknown), then " (hint)" when there is one.
    std::string describe() const;
};

// A value, or what went wrong (an Error by default; the centre's store has errors of its own kinds).
template <class T, class E = Error>
class Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(E error) : data_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(data_); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(data_); }
    const T& value() const { return std::get<T>(data_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const E& error() const { return std::get<E>(data_); }

private:
    std::variant<T, E> data_;
};

}  // namespace pinpoint::core
