#pragma once
// Runs N independent tasks on up to `workers` threads (part uploads, ranged GETs). After the
// first failure no new task starts; the first error (by task index) is returned.
#include <cstddef>
#include <functional>

#include "common/result.h"

namespace strata::load {

Status run_parallel(size_t tasks, int workers, const std::function<Status(size_t index)>& task);

}  // namespace strata::load
