#include "jinja/objects.h"

#include "jinja/renderer.h"

namespace strata::jinja {

std::optional<Value> LoopObject::get_attr(std::string_view name) const {
  int64_t n = static_cast<int64_t>(items_.size());
  int64_t i = static_cast<int64_t>(index_);
  if (name == "index") return Value(i + 1);
  if (name == "index0") return Value(i);
  if (name == "revindex") return Value(n - i);
  if (name == "revindex0") return Value(n - i - 1);
  if (name == "first") return Value(i == 0);
  if (name == "last") return Value(i == n - 1);
  if (name == "length") return Value(n);
  if (name == "depth") return Value(int64_t{depth_});
  if (name == "depth0") return Value(int64_t{depth_ - 1});
  if (name == "previtem") {
    if (i == 0) return Value::undefined("there is no previous item");
    return items_[index_ - 1];
  }
  if (name == "nextitem") {
    if (i + 1 >= n) return Value::undefined("there is no next item");
    return items_[index_ + 1];
  }
  if (name == "cycle" || name == "changed") {
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Result<Value>> LoopObject::call_method(CallContext&, std::string_view name, CallArgs& args) const {
  if (name == "cycle") {
    if (args.positional.empty()) return Result<Value>(Error(ErrorCode::TemplateRuntime, "no items for cycling given"));
    return Result<Value>(args.positional[index_ % args.positional.size()]);
  }
  if (name == "changed") {
    Value current = Value::list(args.positional);
    if (last_changed_ && last_changed_->equals(current)) return Result<Value>(Value(false));
    last_changed_ = current;
    return Result<Value>(Value(true));
  }
  return std::nullopt;
}

Result<Value> LoopObject::call(CallContext& context, CallArgs& args) const {
  if (!recursive_) {
    return Error(ErrorCode::TemplateRuntime,
                 "The loop must have the 'recursive' marker to be called recursively.");
  }
  if (args.positional.size() != 1) return Error(ErrorCode::TemplateRuntime, "loop() takes exactly one argument");
  Renderer& r = renderer_of(context);
  std::string out;
  try {
    r.run_loop(*recursive_, r.iterate(args.positional[0]), scope_, out, depth_ + 1);
  } catch (RenderException& e) {
    Error error = to_error(e, nullptr);
    r.pending_error = std::move(e);
    return error;
  }
  return Value(std::move(out));
}

std::string LoopObject::str() const {
  return "<LoopContext " + std::to_string(index_ + 1) + "/" + std::to_string(items_.size()) + ">";
}

std::optional<Value> NamespaceObject::get_attr(std::string_view name) const {
  if (const Value* v = attrs_->find(name)) return *v;
  return std::nullopt;
}

std::optional<Value> NamespaceObject::get_item(const Value& key) const {
  if (const Value* v = attrs_->find(key)) return *v;
  return std::nullopt;
}

std::string NamespaceObject::str() const { return "<Namespace " + Value::dict(attrs_).repr() + ">"; }

std::optional<Value> CyclerObject::get_attr(std::string_view name) const {
  if (name == "current") return items_.empty() ? Value() : items_[pos_];
  if (name == "items") return Value::tuple(items_);
  if (name == "pos") return Value(static_cast<int64_t>(pos_));
  return std::nullopt;
}

std::optional<Result<Value>> CyclerObject::call_method(CallContext&, std::string_view name, CallArgs&) const {
  if (name == "next") {
    if (items_.empty()) return Result<Value>(Value());
    Value v = items_[pos_];
    pos_ = (pos_ + 1) % items_.size();
    return Result<Value>(v);
  }
  if (name == "reset") {
    pos_ = 0;
    return Result<Value>(Value());
  }
  return std::nullopt;
}

Result<Value> JoinerObject::call(CallContext&, CallArgs&) const {
  if (!used_) {
    used_ = true;
    return Value(std::string());
  }
  return Value(sep_);
}

}  // namespace strata::jinja
