#pragma once
#include <string>
#include <string_view>

namespace strata {

std::string sha256_hex(std::string_view data);
std::string md5_hex(std::string_view data);

}  // namespace strata
