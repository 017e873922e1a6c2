#include "manifest/node.h"

namespace strata::manifest {

namespace {
struct TypeName {
  ResourceType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {ResourceType::Model, "model"},       {ResourceType::Seed, "seed"},
    {ResourceType::Snapshot, "snapshot"}, {ResourceType::Test, "test"},
    {ResourceType::UnitTest, "unit_test"}, {ResourceType::Analysis, "analysis"},
    {ResourceType::Operation, "operation"}, {ResourceType::Source, "source"},
    {ResourceType::Exposure, "exposure"}, {ResourceType::Macro, "macro"},
    {ResourceType::Doc, "doc"},
};
}  // namespace

const char* resource_type_name(ResourceType type) {
  for (const auto& entry : kTypeNames)
    if (entry.type == type) return entry.name;
  return "unknown";
}

std::optional<ResourceType> parse_resource_type(const std::string& name) {
  for (const auto& entry : kTypeNames)
    if (name == entry.name) return entry.type;
  return std::nullopt;
}

}  // namespace strata::manifest
