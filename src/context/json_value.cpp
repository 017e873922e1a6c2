#include "context/json_value.h"

namespace strata::context {

jinja::Value to_value(const Json& json) {
  switch (json.type()) {
    case Json::value_t::null: return jinja::Value();
    case Json::value_t::boolean: return jinja::Value(json.get<bool>());
    case Json::value_t::number_integer: return jinja::Value(json.get<int64_t>());
    case Json::value_t::number_unsigned: return jinja::Value(static_cast<int64_t>(json.get<uint64_t>()));
    case Json::value_t::number_float: return jinja::Value(json.get<double>());
    case Json::value_t::string: return jinja::Value(json.get<std::string>());
    case Json::value_t::array: {
      std::vector<jinja::Value> items;
      items.reserve(json.size());
      for (const auto& item : json) items.push_back(to_value(item));
      return jinja::Value::list(std::move(items));
    }
    case Json::value_t::object: {
      auto dict = std::make_shared<jinja::Dict>();
      for (const auto& [key, item] : json.items()) dict->set(std::string_view(key), to_value(item));
      return jinja::Value::dict(std::move(dict));
    }
    default: return jinja::Value();
  }
}

Json to_json(const jinja::Value& value) {
  switch (value.kind()) {
    case jinja::Kind::Undefined:
    case jinja::Kind::None: return nullptr;
    case jinja::Kind::Bool: return value.as_bool();
    case jinja::Kind::Int: return value.as_int();
    case jinja::Kind::Float: return value.as_float();
    case jinja::Kind::String: return value.as_string();
    case jinja::Kind::List: {
      Json out = Json::array();
      for (const auto& item : value.as_list().items) out.push_back(to_json(item));
      return out;
    }
    case jinja::Kind::Dict: {
      Json out = Json::object();
      for (const auto& [key, item] : value.as_dict().entries()) out[key.is_string() ? key.as_string() : key.str()] = to_json(item);
      return out;
    }
    default: return value.str();
  }
}

}  // namespace strata::context
