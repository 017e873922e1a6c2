#pragma once
// Manifests built in code for the artifact tests: a small project with every resource
// type (the golden and schema tests), and a large synthetic one (speed).
#include "artifacts/manifest_json.h"
#include "manifest/manifest.h"

namespace strata::artifacts::testing {

// jaffle_shop-like: seeds, sources (freshness, external), staging/mart models (versioned,
// ephemeral, incremental, contract), a snapshot, generic and singular tests, a unit test,
// an analysis, an on-run-start hook, an exposure, macros, docs blocks, a disabled model.
manifest::Manifest make_sample_manifest();

// Metadata with a fixed clock and invocation id so output is reproducible.
ManifestMetadata fixed_metadata();

// Nodes whose loose JSON fields hold values of the wrong type everywhere (configs that
// are lists, hooks that are numbers, tags that are objects, dangling node ids, invalid
// UTF-8): the writer must neither crash nor emit a schema-invalid manifest.
manifest::Manifest make_hostile_manifest();

// `models` models in chains of 10, each with `tests_per_model` generic tests.
manifest::Manifest make_large_manifest(int models, int tests_per_model);

}  // namespace strata::artifacts::testing
