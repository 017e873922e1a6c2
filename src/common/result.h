#pragma once
// Result<T>: a value or an Error. A small stand-in for C++23 std::expected.
#include <cassert>
#include <utility>
#include <variant>

#include "common/error.h"

namespace strata {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(data_); }
  const T& value() const& { assert(ok()); return std::get<0>(data_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  Error& error() & { assert(!ok()); return std::get<1>(data_); }
  const Error& error() const& { assert(!ok()); return std::get<1>(data_); }
  Error&& error() && { assert(!ok()); return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  Error& error() & { assert(failed_); return error_; }
  const Error& error() const& { assert(failed_); return error_; }
  Error&& error() && { assert(failed_); return std::move(error_); }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace strata

// Propagate an error from an expression returning Result<...>/Status.
#define STRATA_TRY(expr)                                  \
  do {                                                    \
    auto strata_try_result_ = (expr);                     \
    if (!strata_try_result_.ok()) return std::move(strata_try_result_).error(); \
  } while (0)

// Assign the value of an expression returning Result<T>, or propagate its error.
#define STRATA_ASSIGN(lhs, expr)                                                       \
  do {                                                                                 \
    auto strata_assign_result_ = (expr);                                               \
    if (!strata_assign_result_.ok()) return std::move(strata_assign_result_).error(); \
    lhs = std::move(strata_assign_result_).value();                                    \
  } while (0)
