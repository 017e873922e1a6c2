// strata jinja render --template FILE [--context FILE.json] [--strict] [--native] [--json]
// A debugging entry point to the template engine (also used by the conformance suite).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "jinja/environment.h"
#include "jinja/json_value.h"

namespace strata::cli {

namespace {

struct JinjaRenderOptions {
  std::string template_path;
  std::string context_path;
  bool strict = false;
  bool native = false;
  bool json = false;
};

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

int run_render(const JinjaRenderOptions& opt, CliContext& context) {
  auto fail = [&](const Error& error, jinja::ErrorKind kind) {
    if (opt.json) {
      nlohmann::ordered_json out = {{"ok", false}, {"kind", jinja::error_kind_name(kind)}, {"message", error.message}};
      out["rendered"] = render_error(error);
      std::cout << out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    } else {
      context.report(error);
    }
    return kExitFailure;
  };
  std::string source;
  if (!read_file(opt.template_path, source)) {
    return fail(Error(ErrorCode::Io, "cannot read template file " + opt.template_path), jinja::ErrorKind::NotFound);
  }
  jinja::Value vars = jinja::Value::dict();
  if (!opt.context_path.empty()) {
    std::string text;
    if (!read_file(opt.context_path, text)) {
      return fail(Error(ErrorCode::Io, "cannot read context file " + opt.context_path), jinja::ErrorKind::Runtime);
    }
    auto json = nlohmann::ordered_json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
      return fail(Error(ErrorCode::Usage, "context file " + opt.context_path + " must hold a JSON object"),
                  jinja::ErrorKind::Runtime);
    }
    vars = jinja::from_json(json);
  }
  jinja::Environment env;
  std::filesystem::path dir = std::filesystem::path(opt.template_path).parent_path();
  env.set_loader(std::make_shared<jinja::FileSystemLoader>(dir.empty() ? std::filesystem::path(".") : dir));
  jinja::ErrorKind kind = jinja::ErrorKind::Runtime;
  auto tmpl = env.parse(source, opt.template_path, &kind);
  if (!tmpl) return fail(tmpl.error(), kind);
  jinja::RenderSettings settings;
  settings.undefined = opt.strict ? jinja::UndefinedPolicy::Strict : jinja::UndefinedPolicy::Lenient;
  std::string output;
  if (opt.native) {
    auto value = (*tmpl)->render_native(vars, settings, &kind);
    if (!value) return fail(value.error(), kind);
    // The Python repr() of the value, as the conformance suite compares it.
    output = value->repr();
    if (opt.json) {
      nlohmann::ordered_json out = {{"ok", true}, {"output", output}, {"type", value->type_name()}, {"value", jinja::to_json_value(*value)}};
      std::cout << out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      return kExitOk;
    }
  } else {
    auto text = (*tmpl)->render(vars, settings, &kind);
    if (!text) return fail(text.error(), kind);
    output = std::move(*text);
  }
  if (opt.json) {
    std::cout << nlohmann::ordered_json{{"ok", true}, {"output", output}}.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  } else {
    std::cout << output;
  }
  return kExitOk;
}

}  // namespace

Command add_jinja_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<JinjaRenderOptions>();
  CLI::App* app = parent.add_subcommand("jinja", "Template engine tools");
  app->require_subcommand(1);
  CLI::App* render = app->add_subcommand("render", "Render a Jinja template with a JSON context and print the result");
  render->add_option("--template,-t", options->template_path, "Template file")->required();
  render->add_option("--context,-c", options->context_path, "JSON file holding an object of variables");
  render->add_flag("--strict", options->strict, "Undefined variables are errors (StrictUndefined)");
  render->add_flag("--native", options->native, "Return a typed value (native mode) instead of text");
  render->add_flag("--json", options->json, "Print one JSON object: {ok, output} or {ok, kind, message}");
  return {app, [options, &context]() -> int { return run_render(*options, context); }};
}

}  // namespace strata::cli
