#pragma once
// Python semantics of Jinja's operators on Values (int64 with overflow checks, floats,
// strings, sequences). Errors are thrown as RenderException.
#include "jinja/ast.h"
#include "jinja/value.h"

namespace strata::jinja {

class Renderer;

Value binary_op(const Renderer& r, ast::BinaryOp op, const Value& left, const Value& right);
Value unary_op(const Renderer& r, ast::UnaryOp op, const Value& operand);
bool compare_op(const Renderer& r, ast::CompareOp op, const Value& left, const Value& right);
// Python's `needle in haystack`.
bool contains(const Renderer& r, const Value& haystack, const Value& needle);
// Python's a < b for sortable values (numbers, strings, sequences); throws TypeError otherwise.
bool less_than(const Value& a, const Value& b);
// Python's str % args.
std::string percent_format(const Renderer& r, const std::string& format, const Value& args);
// Python's str.format(*args, **kwargs).
std::string brace_format(const Renderer& r, const std::string& format, const CallArgs& args);
[[noreturn]] void fail_undefined(const Value& undefined);

}  // namespace strata::jinja
