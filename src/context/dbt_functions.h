#pragma once
// Registration of dbt's Jinja functions into an environment. Split by concern: the
// node-facing ones (ref, source, config, var, env_var, is_incremental, return, log) and
// the utility ones (exceptions, modules, fromjson, zip, set, local_md5, api).
#include "jinja/environment.h"

namespace strata::context {

class DbtEnvironment;

void register_node_functions(jinja::Environment& env, const DbtEnvironment& dbt);
void register_utility_functions(jinja::Environment& env);
// dbt's `run_started_at`: a UTC datetime from an ISO-8601 timestamp ("...Z"); undefined
// when the text is not one.
jinja::Value run_started_at_value(const std::string& iso_utc);
void register_adapter_object(jinja::Environment& env, const DbtEnvironment& dbt);

// Helpers shared by the function files.
std::string arg_string(const jinja::Value& v);
Error arg_error(jinja::CallContext& context, const std::string& function, const std::string& problem);

}  // namespace strata::context
