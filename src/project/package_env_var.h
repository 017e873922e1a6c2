#pragma once
// The small slice of Jinja that packages.yml needs before the full Jinja context exists:
// `{{ env_var('NAME') }}` and `{{ env_var('NAME', 'default') }}`. Any other template
// syntax is reported as unsupported rather than passed through silently.
#include <functional>
#include <optional>
#include <string>

#include "common/result.h"

namespace strata::project {

// Looks up an environment variable; injected so tests need not touch the process env.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
EnvLookup process_env();

// Renders every `{{ env_var(...) }}` in text. `where` locates text in its file (the
// scalar's span); errors point at the offending expression inside it.
Result<std::string> render_env_vars(const std::string& text, const EnvLookup& env, const SourceSpan& where);

}  // namespace strata::project
