#include "jinja/json_value.h"

namespace strata::jinja {

Value from_json(const nlohmann::ordered_json& json) {
  switch (json.type()) {
    case nlohmann::ordered_json::value_t::null: return Value();
    case nlohmann::ordered_json::value_t::boolean: return Value(json.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return Value(json.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
      uint64_t u = json.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) return Value(static_cast<double>(u));
      return Value(static_cast<int64_t>(u));
    }
    case nlohmann::ordered_json::value_t::number_float: return Value(json.get<double>());
    case nlohmann::ordered_json::value_t::string: return Value(json.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
      std::vector<Value> items;
      items.reserve(json.size());
      for (const auto& item : json) items.push_back(from_json(item));
      return Value::list(std::move(items));
    }
    case nlohmann::ordered_json::value_t::object: {
      Value d = Value::dict();
      for (const auto& [key, item] : json.items()) d.as_dict().set(std::string_view(key), from_json(item));
      return d;
    }
    default: return Value();
  }
}

nlohmann::ordered_json to_json_value(const Value& value) {
  switch (value.kind()) {
    case Kind::None: return nullptr;
    case Kind::Bool: return value.as_bool();
    case Kind::Int: return value.as_int();
    case Kind::Float: return value.as_float();
    case Kind::String: return value.as_string();
    case Kind::List: {
      auto array = nlohmann::ordered_json::array();
      for (const Value& item : value.as_list().items) array.push_back(to_json_value(item));
      return array;
    }
    case Kind::Dict: {
      auto object = nlohmann::ordered_json::object();
      for (const auto& [k, v] : value.as_dict().entries()) object[k.is_string() ? k.as_string() : k.str()] = to_json_value(v);
      return object;
    }
    default: return value.str();
  }
}

}  // namespace strata::jinja
