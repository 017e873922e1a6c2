#pragma once
// Host-object implementations of Jinja's helper objects: the for-loop `loop`, namespace(),
// cycler() and joiner().
#include <memory>
#include <vector>

#include "jinja/ast.h"
#include "jinja/value.h"

namespace strata::jinja {

struct Scope;

class LoopObject : public HostObject {
 public:
  LoopObject(std::vector<Value> items, int depth, const ast::For* recursive, std::shared_ptr<Scope> scope)
      : items_(std::move(items)), depth_(depth), recursive_(recursive), scope_(std::move(scope)) {}
  std::string type_name() const override { return "LoopContext"; }
  std::optional<Value> get_attr(std::string_view name) const override;
  std::optional<Result<Value>> call_method(CallContext& context, std::string_view name, CallArgs& args) const override;
  bool is_callable() const override { return true; }
  Result<Value> call(CallContext& context, CallArgs& args) const override;
  std::string str() const override;

  const std::vector<Value>& items() const { return items_; }
  void set_index(size_t i) { index_ = i; }

 private:
  std::vector<Value> items_;
  size_t index_ = 0;
  int depth_;
  const ast::For* recursive_;
  std::shared_ptr<Scope> scope_;
  mutable std::optional<Value> last_changed_;
};

class NamespaceObject : public HostObject {
 public:
  NamespaceObject() : attrs_(std::make_shared<Dict>()) {}
  std::string type_name() const override { return "Namespace"; }
  std::optional<Value> get_attr(std::string_view name) const override;
  std::optional<Value> get_item(const Value& key) const override;
  std::string str() const override;
  Dict& attrs() const { return *attrs_; }

 private:
  std::shared_ptr<Dict> attrs_;
};

class CyclerObject : public HostObject {
 public:
  explicit CyclerObject(std::vector<Value> items) : items_(std::move(items)) {}
  std::string type_name() const override { return "Cycler"; }
  std::optional<Value> get_attr(std::string_view name) const override;
  std::optional<Result<Value>> call_method(CallContext& context, std::string_view name, CallArgs& args) const override;

 private:
  std::vector<Value> items_;
  mutable size_t pos_ = 0;
};

class JoinerObject : public HostObject {
 public:
  explicit JoinerObject(std::string sep) : sep_(std::move(sep)) {}
  std::string type_name() const override { return "Joiner"; }
  bool is_callable() const override { return true; }
  Result<Value> call(CallContext& context, CallArgs& args) const override;

 private:
  std::string sep_;
  mutable bool used_ = false;
};

}  // namespace strata::jinja
