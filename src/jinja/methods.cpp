#include "jinja/methods.h"

#include "jinja/renderer.h"

namespace strata::jinja {

namespace {

class BoundMethod : public Callable {
 public:
  BoundMethod(Value receiver, std::string name) : receiver_(std::move(receiver)), name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  Result<Value> call(CallContext& context, CallArgs& args) const override {
    return call_method(renderer_of(context), receiver_, name_, args);
  }

 private:
  Value receiver_;
  std::string name_;
};

}  // namespace

void expect_args(const CallArgs& args, std::string_view fn, size_t min, size_t max) {
  size_t n = args.positional.size();
  if (n < min) {
    throw_runtime(std::string(fn) + "() takes at least " + std::to_string(min) + " argument" + (min == 1 ? "" : "s") + " (" +
                  std::to_string(n) + " given)");
  }
  if (n > max) {
    throw_runtime(std::string(fn) + "() takes at most " + std::to_string(max) + " argument" + (max == 1 ? "" : "s") + " (" +
                  std::to_string(n) + " given)");
  }
}

int64_t arg_int(const Value& v, std::string_view what) {
  if (v.is_int() || v.is_bool()) return v.as_int();
  if (v.is_undefined()) throw_error(ErrorKind::Undefined, v.undefined_message());
  throw_runtime("'" + v.type_name() + "' object cannot be interpreted as an integer (" + std::string(what) + ")");
}

bool has_method(const Value& receiver, std::string_view name) {
  switch (receiver.kind()) {
    case Kind::String: return has_str_method(name);
    case Kind::List: return has_list_method(name);
    case Kind::Dict: return has_dict_method(name);
    default: return false;
  }
}

Value call_method(Renderer& r, const Value& receiver, std::string_view name, CallArgs& args) {
  switch (receiver.kind()) {
    case Kind::String: return call_str_method(r, receiver.as_string(), name, args);
    case Kind::List: return call_list_method(r, receiver, name, args);
    case Kind::Dict: return call_dict_method(r, receiver, name, args);
    default: throw_runtime("'" + receiver.type_name() + "' object has no attribute '" + std::string(name) + "'");
  }
}

Value bound_method(const Value& receiver, std::string_view name) {
  return Value::callable(std::make_shared<BoundMethod>(receiver, std::string(name)));
}

}  // namespace strata::jinja
