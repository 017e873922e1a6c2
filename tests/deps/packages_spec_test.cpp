// packages.yml parsing: entry shapes, YAML positions in errors, env_var rendering and
// dbt's sha1_hash of the spec.
#include <gtest/gtest.h>

#include <map>

#include "project/package_env_var.h"
#include "project/packages_spec.h"

namespace strata::project {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Result<PackagesFile> parse(const std::string& text, const EnvLookup& env = fake_env({})) {
  return parse_packages_file(std::make_shared<const SourceText>(SourceText{"packages.yml", text}), env);
}

TEST(PackagesSpec, ParsesEveryEntryKind) {
  auto file = parse(
      "packages:\n"
      "  - local: ../a\n"
      "  - git: https://example.com/r.git\n"
      "    revision: v1.2\n"
      "    subdirectory: pkg\n"
      "    warn-unpinned: false\n"
      "  - package: dbt-labs/dbt_utils\n"
      "    version: [\">=1.0.0\", \"<2.0.0\"]\n");
  ASSERT_TRUE(file.ok()) << render_error(file.error());
  ASSERT_EQ(file->packages.size(), 3u);
  const auto& local = file->packages[0];
  EXPECT_EQ(local.source, PackageSource::Local);
  EXPECT_EQ(local.location, "../a");
  EXPECT_EQ(local.location_span.line, 2u);
  EXPECT_EQ(local.location_span.column, 12u);
  const auto& git = file->packages[1];
  EXPECT_EQ(git.source, PackageSource::Git);
  EXPECT_EQ(git.revision, "v1.2");
  EXPECT_EQ(git.subdirectory, "pkg");
  EXPECT_FALSE(git.warn_unpinned);
  EXPECT_EQ(git.revision_span.line, 4u);
  EXPECT_EQ(file->packages[2].source, PackageSource::Hub);
  EXPECT_EQ(file->packages[2].version, Json::array({">=1.0.0", "<2.0.0"}));
}

TEST(PackagesSpec, EmptyFileAndNullListAreNoPackages) {
  EXPECT_TRUE(parse("")->packages.empty());
  EXPECT_TRUE(parse("packages:\n")->packages.empty());
  EXPECT_TRUE(parse("packages: []\n")->packages.empty());
}

struct BadCase {
  const char* text;
  const char* expected;  // rendered error's first line
};
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.text; }

class PackagesSpecErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(PackagesSpecErrors, PointAtTheEntry) {
  auto file = parse(GetParam().text);
  ASSERT_FALSE(file.ok());
  std::string rendered = render_error(file.error());
  EXPECT_EQ(rendered.substr(0, rendered.find('\n')), GetParam().expected) << rendered;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PackagesSpecErrors,
    ::testing::Values(
        BadCase{"packages:\n  - local: a\n    revision: x\n",
                "packages.yml:3:5: error: unknown key 'revision' in a local package entry"},
        BadCase{"packages:\n  - local: a\n    git: b\n", "packages.yml:2:5: error: a package entry has both 'local' and 'git'"},
        BadCase{"packages:\n  - just-a-string\n",
                "packages.yml:2:5: error: a package entry must be a mapping such as `- local: path` or `- git: url`"},
        BadCase{"packages:\n  local: a\n", "packages.yml:2:3: error: 'packages' must be a list of package entries"},
        BadCase{"packages:\n  - git: x\n    warn-unpinned: maybe\n",
                "packages.yml:3:20: error: 'warn-unpinned' must be true or false"},
        BadCase{"packages:\n  - local:\n", "packages.yml:2:5: error: 'local' must be a non-empty string"},
        BadCase{"packagez:\n  - local: a\n", "packages.yml:1:1: error: unknown key 'packagez' in packages.yml"},
        BadCase{"- local: a\n", "packages.yml:1:1: error: packages.yml must be a mapping with a 'packages:' list"},
        BadCase{"packages:\n  - local: [a\n",
                "packages.yml:3:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow "
                "sequence that starts at line 2, column 12)"}));

TEST(PackagesSpec, ProjectsAreAWarningWithLocation) {
  auto file = parse("projects:\n  - name: other\npackages:\n  - local: a\n");
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->warnings.size(), 1u);
  EXPECT_EQ(file->warnings[0].span.location(), "packages.yml:1:1");
  EXPECT_EQ(file->packages.size(), 1u);
}

TEST(PackagesSpec, RendersEnvVarsAndKeepsTheUnrenderedText) {
  auto file = parse("packages:\n  - git: \"https://{{ env_var('TOKEN') }}@host/r.git\"\n    revision: \"{{env_var('REV', 'v1')}}\"\n",
                    fake_env({{"TOKEN", "s3cret"}}));
  ASSERT_TRUE(file.ok()) << render_error(file.error());
  EXPECT_EQ(file->packages[0].location, "https://s3cret@host/r.git");
  EXPECT_EQ(file->packages[0].location_unrendered, "https://{{ env_var('TOKEN') }}@host/r.git");
  EXPECT_EQ(file->packages[0].revision, "v1");
}

TEST(PackagesSpec, MissingEnvVarPointsInsideTheQuotedValue) {
  auto file = parse("packages:\n  - local: \"x/{{ env_var('NOPE') }}\"\n");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().message, "Env var required but not provided: 'NOPE'");
  EXPECT_EQ(file.error().span.location(), "packages.yml:2:15");
}

TEST(EnvVarRendering, OnlyEnvVarIsSupported) {
  SourceSpan where;
  auto env = fake_env({{"A", "1"}});
  EXPECT_EQ(*render_env_vars("{{ env_var(\"A\") }}-{{env_var('B','d')}}", env, where), "1-d");
  EXPECT_EQ(*render_env_vars("no templates {here}", env, where), "no templates {here}");
  auto other = render_env_vars("{{ var('x') }}", env, where);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().message, "unsupported expression '{{ var('x') }}' in packages.yml");
  EXPECT_FALSE(render_env_vars("{% if x %}", env, where).ok());
  EXPECT_FALSE(render_env_vars("{{ env_var('A'", env, where).ok());
}

TEST(PackagesSpec, HashIsDbtsSha1OfTheSortedJsonEntries) {
  // Expected values from Python: sha1("\n".join(sorted(json.dumps(p, sort_keys=True) ...))).
  auto file = parse(
      "packages:\n"
      "  - package: dbt-labs/dbt_utils\n"
      "    version: [\">=1.0.0\", \"<2.0.0\"]\n"
      "  - local: ../a\n"
      "  - git: https://example.com/r.git\n"
      "    revision: 1.0\n");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(packages_spec_hash(file->packages), "cabd1af00dd87b0ba24939452d9dd8b2115b694f");
  auto unicode = parse("packages:\n  - local: caf\xc3\xa9\n");
  EXPECT_EQ(packages_spec_hash(unicode->packages), "5b2299b11c0db1531abaff50e768c609ea1f6782");
}

TEST(PackagesSpec, LoadPrefersPackagesYmlAndRejectsBothLists) {
  MemoryFileSystem files;
  files.add("/p/dependencies.yml", "projects:\n  - name: x\npackages:\n  - local: b\n");
  auto only_deps = load_packages_file(files, "/p", "", fake_env({}));
  ASSERT_TRUE(only_deps.ok());
  ASSERT_TRUE(only_deps->has_value());
  EXPECT_EQ((*only_deps)->packages[0].location, "b");
  EXPECT_EQ((*only_deps)->warnings.size(), 1u);

  files.add("/p/packages.yml", "packages:\n  - local: a\n");
  auto both = load_packages_file(files, "/p", "", fake_env({}));
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().message, "packages are declared in both packages.yml and dependencies.yml");
  EXPECT_EQ(both.error().span.location(), "dependencies.yml:4:5");

  MemoryFileSystem empty;
  auto none = load_packages_file(empty, "/p", "", fake_env({}));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace strata::project
