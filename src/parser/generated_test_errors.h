#pragma once
// A generic test's code is generated from its YAML entry ({{ test_not_null(model=...) }}),
// so an error located in that code would point at a line the user never wrote. Such places
// are moved onto the entry (the YAML file, line and column), naming the generated call.
#include "common/error.h"
#include "manifest/node.h"

namespace strata::parser {

Error at_test_entry(Error error, const manifest::Node& node);

}  // namespace strata::parser
