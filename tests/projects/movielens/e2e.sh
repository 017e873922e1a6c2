#!/usr/bin/env bash
# End-to-end correctness of examples/movielens on a generated dataset.
#
#   e2e.sh STRATA MOVIELENS_GEN PROJECT_DIR
#
# Generates a small dataset, runs `strata load` + `strata build`, then computes headline
# figures independently with plain SQL over the generated CSV files (read_csv through
# `strata sql`, never through the models) and compares them with the marts: counts,
# averages, top-N lists, genre counts, cohort sizes, co-rating counts, Bayesian ranks.
# Then the incremental path: a second batch (movielens-gen --after), load + build;
# fct_ratings must hold the latest rating of every pair and the snapshots the expected
# history; a third batch (into a new month), a hand-written fourth that re-rates two likes
# out of a full recent-likes list, and every table built incrementally must
# equal a --full-refresh of the same data, row for row. Finally the ml-latest-small layout (no genome files) must build with
# empty genome models.
#
# Exit 77 (skipped) while `strata build` does not exist yet, or while it reports features
# this project uses as "not implemented yet" (unit tests, snapshots).
set -uo pipefail

STRATA=$(realpath "$1")
GEN=$(realpath "$2")
SRC_PROJECT=$(realpath "$3")

# (`strata build --help` exits 0 even without the command: the top-level help answers.)
if ! "$STRATA" --help 2>/dev/null | grep -qE '^ +build +'; then
  echo "SKIP: strata build is not implemented yet"
  exit 77
fi

WORK=$(mktemp -d /tmp/strata-movielens-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# A private copy of the project (its target/ and warehouse stay in the temp dir).
PROJECT=$WORK/project
mkdir -p "$PROJECT"
(cd "$SRC_PROJECT" && tar cf - --exclude=./data --exclude=./target --exclude=./logs --exclude='*.duckdb*' .) | tar xf - -C "$PROJECT"

DATA=$WORK/data
SEED=4242
SCALE=(--ratings 60000)
export MOVIELENS_DATA=$DATA
export MOVIELENS_DB=$WORK/warehouse.duckdb
# The similarity mart is bounded by default (most recent ratings per user); the test
# lifts the bounds so co-rating counts can be checked against a plain all-pairs count.
VARS='{similarity_ratings_per_user: 1000000, similarity_max_movies: 1000000}'

"$GEN" --out "$DATA" "${SCALE[@]}" --seed $SEED --quiet || { echo "movielens-gen failed"; exit 1; }

strata_project() {  # runs a project command from inside the project (run_results path is relative)
  (cd "$PROJECT" && "$STRATA" "$@" --project-dir "$PROJECT" --profiles-dir "$PROJECT")
}
raw_sql() { "$STRATA" sql -f csv "$1"; }
mart_sql() { "$STRATA" sql -f csv -d "$MOVIELENS_DB" "$1"; }

# same(name, independent SQL over the CSV files, SQL over the warehouse)
same() {
  local expected actual
  expected=$(raw_sql "$2" 2>&1) || { fail "$1: independent query failed: $expected"; return; }
  actual=$(mart_sql "$3" 2>&1) || { fail "$1: warehouse query failed: $actual"; return; }
  if [[ "$expected" == "$actual" ]]; then
    pass "$1"
  else
    fail "$1"
    diff <(echo "$expected") <(echo "$actual") | head -20
  fi
}

R="read_csv('$DATA/ratings*.csv', header = true)"
M="read_csv('$DATA/movies.csv', header = true, quote = '\"')"

strata_project load >"$WORK/load1.log" 2>&1 || { cat "$WORK/load1.log"; fail "strata load"; exit 1; }
if strata_project build --vars "$VARS" >"$WORK/build1.log" 2>&1; then
  pass "strata build (first)"
else
  if grep -q "are not implemented yet" "$WORK/build1.log"; then
    # The engine says so itself (placeholder materializations): not a project failure.
    echo "SKIP: strata build reports unimplemented features:"
    grep "not implemented yet" "$WORK/build1.log" | sort | uniq -c
    exit 77
  fi
  tail -40 "$WORK/build1.log"; fail "strata build (first)"; exit 1
fi
# every ref() in a model's file must be a dependency in the manifest: a ref only inside an
# is_incremental() block is not seen at parse time (as in dbt), and the model could then run
# before what it reads is updated (needs a `-- depends_on: {{ ref(...) }}` comment)
missing=$(python3 - "$PROJECT" <<'PY'
import json, os, re, sys
project = sys.argv[1]
manifest = json.load(open(os.path.join(project, "target", "manifest.json")))
for node in manifest["nodes"].values():
    if node["resource_type"] not in ("model", "snapshot"):
        continue
    text = open(os.path.join(project, node["original_file_path"])).read()
    deps = {d.split(".")[-1] for d in node["depends_on"]["nodes"]}
    for name in sorted(set(re.findall(r"ref\(\s*'([^']+)'\s*\)", text)) - deps):
        print(f"{node['name']} -> {name}")
PY
)
[[ -z "$missing" ]] && pass "every ref() in a model file is a dependency of the model" \
  || fail "refs the manifest does not list as dependencies: $missing"

# ---- headline figures, computed independently from the CSV files -------------------
same "ratings, users, movies, mean rating" \
  "select count(*) as n, count(distinct userId) as users, count(distinct movieId) as movies, round(avg(rating), 9) as mean from $R" \
  "select count(*) as n, count(distinct user_id) as users, count(distinct movie_id) as movies, round(avg(rating), 9) as mean from marts.fct_ratings"

same "dim_users count and total ratings" \
  "select count(distinct userId) as users, count(*) as ratings from $R" \
  "select count(*) as users, sum(rating_count) as ratings from marts.dim_users"

same "top 10 most active users" \
  "select userId as user_id, count(*) as n, round(avg(rating), 9) as mean from $R group by 1 order by n desc, user_id limit 10" \
  "select user_id, rating_count as n, round(avg_rating, 9) as mean from marts.dim_users order by n desc, user_id limit 10"

same "top 10 most rated movies" \
  "select movieId as movie_id, count(*) as n, round(avg(rating), 9) as mean from $R group by 1 order by n desc, movie_id limit 10" \
  "select movie_id, rating_count as n, round(avg_rating, 9) as mean from marts.dim_movies order by n desc, movie_id limit 10"

same "movies in catalog, without genres, without year" \
  "select count(*) as movies, count(*) filter (where genres = '(no genres listed)') as no_genres, count(*) filter (where not regexp_matches(title, '\\(\\d{4}\\)\\s*\$')) as no_year from $M" \
  "select count(*) as movies, count(*) filter (where genre_count = 0) as no_genres, count(*) filter (where release_year is null) as no_year from marts.dim_movies"

same "movies never rated (no rating with every field present)" \
  "select count(*) as n from $M where movieId not in (select movieId from $R where userId is not null and rating is not null and \"timestamp\" is not null)" \
  "select failing_rows as n from marts.fct_data_quality where source_table = 'movies' and check_name = 'never rated'"

same "ratings per genre" \
  "select g as genre, count(*) as n, round(avg(r.rating), 9) as mean, count(distinct r.userId) as users from $R as r join (select movieId, unnest(string_split(genres, '|')) as g from $M where genres <> '(no genres listed)') as mg using (movieId) group by g order by g" \
  "select genre, ratings as n, round(avg_rating, 9) as mean, users from marts.fct_genre_popularity order by genre"

same "cohort sizes (users by month of first rating)" \
  "select cast(m as date) as cohort_month, count(*) as size from (select userId, min(date_trunc('month', make_timestamp(\"timestamp\" * 1000000))) as m from $R group by 1) group by 1 order by 1" \
  "select cohort_month, cohort_size as size from marts.fct_monthly_cohorts where months_since = 0 order by 1"

same "cohort activity one month later" \
  "with a as (select distinct userId, date_trunc('month', make_timestamp(\"timestamp\" * 1000000)) as m from $R), f as (select userId, min(m) as c from a group by 1) select cast(f.c as date) as cohort_month, count(*) as active from a join f using (userId) where a.m = f.c + interval 1 month group by 1 order by 1" \
  "select cohort_month, active_users as active from marts.fct_monthly_cohorts where months_since = 1 order by 1"

same "busiest hour x weekday" \
  "select isodow(t) as d, hour(t) as h, count(*) as n from (select make_timestamp(\"timestamp\" * 1000000) as t from $R) group by 1, 2 order by n desc, d, h limit 5" \
  "select iso_weekday as d, hour_of_day as h, ratings as n from marts.fct_activity_hour_weekday order by n desc, d, h limit 5"

same "top 10 Bayesian weighted ratings (m = 50)" \
  "with s as (select movieId, count(*) as v, avg(rating) as r from $R group by 1), c as (select avg(rating) as c from $R) select movieId as movie_id, v, round((v * r + 50 * c.c) / (v + 50), 9) as wr from s, c order by wr desc, movie_id limit 10" \
  "select movie_id, rating_count as v, round(weighted_rating, 9) as wr from marts.fct_movie_recommendations order by recommendation_rank limit 10"

# movie_similarity is trained on the ratings before the first day of the newest rating's
# month (var similarity_trained_on): the independent queries read those ratings only.
CUTOFF="(select epoch(date_trunc('month', make_timestamp(max(\"timestamp\") * 1000000))) from $R)"
RS="(select * from $R where \"timestamp\" < $CUTOFF)"
# co-rating counts of every pair in movie_similarity, against a plain count over the CSV
"$STRATA" sql -d "$MOVIELENS_DB" "copy (select movie_id, similar_movie_id, co_raters, co_likers from marts.movie_similarity) to '$WORK/pairs.csv' (header)" >/dev/null
same "co-raters and co-likers of every similar pair" \
  "with p as (select * from read_csv('$WORK/pairs.csv')), r as (select userId, movieId, rating from $RS) select count(*) as pairs, sum(x.co) as co_raters, sum(x.likers) as co_likers from (select p.movie_id, p.similar_movie_id, count(*) as co, count(*) filter (where a.rating >= 4 and b.rating >= 4) as likers from p join r as a on a.movieId = p.movie_id join r as b on b.movieId = p.similar_movie_id and b.userId = a.userId group by 1, 2) as x" \
  "select count(*) as pairs, sum(co_raters) as co_raters, sum(co_likers) as co_likers from marts.movie_similarity"

same "users also liked Toy Story (top 5 by co-liker cosine)" \
  "with r as (select userId, movieId from $RS where rating >= 4), e as (select movieId from $RS group by 1 having count(*) >= 20), l as (select movieId, count(*) as n from r semi join e using (movieId) group by 1), p as (select b.movieId as other, count(*) as co from r as a join r as b on a.userId = b.userId and b.movieId <> 1 semi join e on e.movieId = b.movieId where a.movieId = 1 group by 1 having count(*) >= 10) select other as similar_movie_id, co as co_likers, round(co / sqrt(l1.n * l2.n), 9) as score from p join l as l2 on l2.movieId = p.other, (select n from l where movieId = 1) as l1 order by score desc, co desc, other limit 5" \
  "select similar_movie_id, co_likers, round(similarity_score, 9) as score from marts.movie_similarity where movie_id = 1 order by similarity_rank limit 5"

# ---- incremental path ------------------------------------------------------------------
mart_sql "create or replace table main.segments_before as select * from marts.dim_user_segments;
          create or replace table main.categories_before as select movie_id, category, round(weighted_rating, 1) as band from marts.fct_movie_recommendations" >/dev/null

LAST=$(raw_sql "select max(\"timestamp\") from $R" | tail -1)
"$GEN" --out "$DATA" "${SCALE[@]}" --seed $SEED --after "$LAST" --after-percent 5 --batch-name batch2 --quiet \
  || { fail "movielens-gen --after"; exit 1; }
strata_project load >"$WORK/load2.log" 2>&1 || { cat "$WORK/load2.log"; fail "strata load (batch)"; }
grep -q "ratings_batch2.csv: loaded" "$WORK/load2.log" && pass "second load appends only the batch" || fail "second load appends only the batch"
grep -q "ratings.csv: loaded" "$WORK/load2.log" && fail "second load reloaded the base file"

if strata_project build --vars "$VARS" >"$WORK/build2.log" 2>&1; then
  pass "strata build (incremental)"
else
  tail -40 "$WORK/build2.log"; fail "strata build (incremental)"
fi

# Deferred compaction (macros/compaction.sql): the incremental build's closing checkpoint
# skips DuckDB's vacuum until some table of more than one row group has deleted half its
# rows. A table with 60% of its 300k rows deleted (without a vacuum when it was deleted):
# a threshold above that defers, the default one compacts it (its stored rows fall).
grep -q "Compaction deferred: at most" "$WORK/build2.log" && pass "the incremental build defers compaction" \
  || { grep -i compact "$WORK/build2.log"; fail "the incremental build defers compaction"; }
mart_sql "set max_vacuum_tasks = 0; create table marts.compaction_probe as select range as i from range(300000);
          delete from marts.compaction_probe where i % 5 < 3" >/dev/null
probe_stored() { mart_sql "select estimated_size from duckdb_tables() where table_name = 'compaction_probe'" | tail -1; }
# compaction_case NAME DEFER_VARS DEFER_LINE DEFER_STORED COMPACT_VARS COMPACT_LINE COMPACT_STORED: two
# builds of stg_movies, the first with --vars DEFER_VARS (none if empty) must log DEFER_LINE and
# leave the probe's stored rows at DEFER_STORED, the second likewise
compaction_case() {
  local deferred compacted
  strata_project build -s stg_movies ${2:+--vars "$2"} >"$WORK/defer.log" 2>&1
  deferred=$(probe_stored)
  strata_project build -s stg_movies ${5:+--vars "$5"} >"$WORK/compact.log" 2>&1
  compacted=$(probe_stored)
  if grep -qF "$3" "$WORK/defer.log" && [[ $deferred == "$4" ]] && grep -qF "$6" "$WORK/compact.log" && [[ $compacted == "$7" ]]; then
    pass "$1"
  else
    grep -i compact "$WORK/defer.log" "$WORK/compact.log"; echo "stored rows: $deferred deferred, $compacted compacted"
    fail "$1"
  fi
}
compaction_case "compaction waits until a table has deleted half its rows, then reclaims them" \
  '{compaction_dead_share: 0.7}' "Compaction deferred: at most 60.0% of a table's rows are deleted (marts.compaction_probe) (compaction_dead_share: 0.7)" 300000 \
  '' "Compacting deleted rows at the closing checkpoint: 60.0% of marts.compaction_probe's rows are deleted" 120000
# compaction_dead_share: 0 compacts whatever the share: 500k rows, 60% of the first two
# row groups deleted (29.5% of the table: the default defers; a vacuum merges those two)
mart_sql "set max_vacuum_tasks = 0; create or replace table marts.compaction_probe as select range as i from range(500000);
          delete from marts.compaction_probe where i < 245760 and i % 5 < 3" >/dev/null
compaction_case "compaction_dead_share: 0 compacts at every build" \
  '' "Compaction deferred: at most 29.5% of a table's rows are deleted (marts.compaction_probe)" 500000 \
  '{compaction_dead_share: 0}' "Compacting deleted rows at the closing checkpoint at every build (compaction_dead_share: 0)" 352544
mart_sql "drop table marts.compaction_probe" >/dev/null
# commands that delete no rows do not count them; a threshold that is not a share is an error
strata_project test -s stg_movies >"$WORK/compact_test.log" 2>&1
grep -qi "compact" "$WORK/compact_test.log" && fail "strata test counted deleted rows for compaction" \
  || pass "strata test leaves compaction alone"
if strata_project build -s stg_movies --vars '{compaction_dead_share: lots}' >"$WORK/compact_bad.log" 2>&1; then
  fail "compaction_dead_share: lots was accepted"
elif grep -q "macros/compaction.sql:.*var compaction_dead_share is lots; .*a number from 0 (compact at every build) to 1" "$WORK/compact_bad.log"; then
  pass "a compaction_dead_share that is not a share is an error that says what it must be"
else
  cat "$WORK/compact_bad.log"; fail "compaction_dead_share: lots: unexpected output"
fi

R="read_csv('$DATA/ratings*.csv', header = true)"
same "fct_ratings after the batch = latest rating per (user, movie) of every file" \
  "select count(*) as n, round(sum(rating), 3) as total, max(t) as last from (select userId, movieId, arg_max(rating, \"timestamp\") as rating, max(\"timestamp\") as t from $R group by 1, 2)" \
  "select count(*) as n, round(sum(rating), 3) as total, max(rated_at_epoch) as last from marts.fct_ratings"

# Snapshots: users whose segment changed have a closed version and a current one; the
# current versions equal today's segments; tags gained exactly the batch's tag events.
same "snap_user_segments: changed users have two versions" \
  "select 1 as ok" \
  "with changed as (select a.user_id from marts.dim_user_segments as a join main.segments_before as b using (user_id)
                    where a.segment <> b.segment or a.recency <> b.recency or a.engagement_level <> b.engagement_level),
        versions as (select user_id, count(*) as n, count(*) filter (where dbt_valid_to is not null) as closed from snapshots.snap_user_segments group by 1)
   select case when (select count(*) from changed) > 0
               and not exists (select 1 from changed left join versions using (user_id) where coalesce(n, 0) <> 2 or closed <> 1)
               and not exists (select 1 from versions where n > 1 and user_id not in (select user_id from changed))
          then 1 else 0 end as ok"
same "snap_user_segments: current versions = dim_user_segments" \
  "select 0 as d" \
  "select count(*) as d from (select user_id, segment, recency from marts.dim_user_segments
                             except select user_id, segment, recency from snapshots.snap_user_segments where dbt_valid_to is null)"
same "snap_recommendation_categories: changed movies have two versions" \
  "select 0 as d" \
  "with changed as (select a.movie_id from marts.fct_movie_recommendations as a join main.categories_before as b using (movie_id)
                    where a.category <> b.category or round(a.weighted_rating, 1) <> b.band)
   select count(*) as d from changed where movie_id not in (select movie_id from snapshots.snap_recommendation_categories group by 1 having count(*) = 2)"
T="read_csv('$DATA/tags*.csv', header = true, quote = '\"')"
same "snap_tags holds every tag event once, all current" \
  "select count(*) as n from (select distinct userId, movieId, regexp_replace(trim(tag), '\\s+', ' ', 'g') from $T where trim(tag) <> '')" \
  "select count(*) filter (where dbt_valid_to is null) as n from snapshots.snap_tags"

# fct_user_candidates after an incremental run that recomputed the touched users only (the
# third batch below retrains movie_similarity, and then every user is recomputed): equal
# to rebuilding the model from scratch on the same data
mart_sql "create or replace table main.candidates_incremental as select * from marts.fct_user_candidates" >/dev/null
if strata_project run -s fct_user_candidates --full-refresh --vars "$VARS" >"$WORK/cand_refresh.log" 2>&1; then
  same "fct_user_candidates after the batch (touched users recomputed) = a rebuild" \
    "select 0 as d" \
    "select (select count(*) from (select * from main.candidates_incremental except all select * from marts.fct_user_candidates))
          + (select count(*) from (select * from marts.fct_user_candidates except all select * from main.candidates_incremental)) as d"
else
  tail -20 "$WORK/cand_refresh.log"; fail "strata run -s fct_user_candidates --full-refresh"
fi

rt=$(mart_sql "select count(*) from marts.fct_model_run_times" | tail -1)
[[ "$rt" -gt 10 ]] && pass "fct_model_run_times reads the previous run's run_results.json ($rt nodes)" || fail "fct_model_run_times has $rt rows"

# ---- a third batch, crossing into a new month (movie_similarity retrains), then every
# table model of intermediate/ and marts/ built incrementally must equal a --full-refresh
# of the same data, row for row (EXCEPT ALL both ways; the audit columns
# loaded_by_invocation and loaded_at and fct_model_run_times, which reads the previous
# run's timings, differ by nature).
LAST=$(raw_sql "select max(\"timestamp\") from $R" | tail -1)
# (without --first-new-user the batch's new users are the second batch's again, re-rating
# their first session: the re-ratings the checks below need)
"$GEN" --out "$DATA" "${SCALE[@]}" --seed $SEED --after "$LAST" --after-percent 5 --after-span 2592000 --batch-name batch3 --quiet \
  || { fail "movielens-gen --after (third batch)"; exit 1; }
strata_project load >"$WORK/load3.log" 2>&1 || { cat "$WORK/load3.log"; fail "strata load (third batch)"; }
if strata_project build --vars "$VARS" >"$WORK/build3.log" 2>&1; then
  pass "strata build (incremental, third batch)"
else
  tail -40 "$WORK/build3.log"; fail "strata build (incremental, third batch)"
fi
R="read_csv('$DATA/ratings*.csv', header = true)"
rerated=$(raw_sql "select count(*) from (select userId, movieId from $R group by 1, 2 having count(*) > 1)" | tail -1)
echo "   (re-rated pairs across the batches: $rerated)"
# the incremental states must have met re-ratings that take a like away (a user's list of
# recent likes is then recomputed, the list's old entry deleted by rowid) and re-ratings
# that keep it (the entry is replaced), or the comparison below would not cover them
lost_likes=$(mart_sql "select count(*) filter (where previous_rating >= 4 and rating < 4), count(*) filter (where previous_rating >= 4 and rating >= 4)
                       from marts.fct_ratings" | tail -1)
[[ ${lost_likes%,*} -gt 0 && ${lost_likes#*,} -gt 0 ]] \
  && pass "the batches re-rate liked movies both ways (lost, kept: $lost_likes)" \
  || fail "the batches do not re-rate liked movies both ways (lost, kept: $lost_likes)"
# the heatmap's distinct users per cell after three incremental runs (the state keeps a set
# of users per cell, adds the batch's and clears a user whose re-rating moved their last
# rating in a cell away): the cell of each pair's latest rating, counted from the CSV files
LATEST="(select userId, movieId, make_timestamp(max(\"timestamp\") * 1000000) as t from $R group by 1, 2)"
same "distinct users and ratings per hour x weekday after the batches" \
  "select isodow(t) as d, hour(t) as h, count(distinct userId) as users, count(*) as n from $LATEST group by 1, 2 order by 1, 2" \
  "select iso_weekday as d, hour_of_day as h, users, ratings as n from marts.fct_activity_hour_weekday order by 1, 2"
left=$(raw_sql "with events as (select userId, movieId, make_timestamp(\"timestamp\" * 1000000) as t from $R),
                     latest as $LATEST
                select count(*) from (select distinct userId, isodow(t) as d, hour(t) as h
                                      from events anti join latest using (userId, movieId, t)) as lost
                where not exists (select 1 from latest as l where l.userId = lost.userId and isodow(l.t) = lost.d and hour(l.t) = lost.h)" | tail -1)
[[ "$left" -gt 0 ]] && pass "re-ratings take users out of hour x weekday cells ($left), so the check above covers it" \
  || fail "no re-rating takes a user out of an hour x weekday cell: the check above does not cover it"
# the concatenated genre profile (sorted structs, per touched user) must list every user's
# genres in fct_user_behaviour_genres' genre_rank order (a window over the view)
prof=$(mart_sql "with v as (select user_id, string_agg(genre || ':' || rating_count, '|' order by genre_rank) as p,
                                   max(genre) filter (where genre_rank = 1) as g1, max(genre) filter (where genre_rank = 2) as g2,
                                   max(genre) filter (where genre_rank = 3) as g3, count(*) as n
                            from marts.fct_user_behaviour_genres group by user_id)
                 select count(*), count(*) filter (where c.genre_profile <> v.p or c.genres_rated <> v.n or c.top_genre is distinct from v.g1
                                                     or c.second_genre is distinct from v.g2 or c.third_genre is distinct from v.g3),
                        (select count(*) from marts.fct_user_behaviour_genres_concat)
                 from marts.fct_user_behaviour_genres_concat as c join v using (user_id)" | tail -1)
IFS=, read -r prof_users prof_bad prof_rows <<<"$prof"
[[ "$prof_bad" == "0" && "$prof_users" == "$prof_rows" && "$prof_users" -gt 0 ]] \
  && pass "fct_user_behaviour_genres_concat lists every user's genres in genre_rank order ($prof_users users)" \
  || fail "fct_user_behaviour_genres_concat disagrees with genre_rank: users, differing, rows = $prof"
# A batch of two re-ratings that take two likes out of a full list of recent likes, with no
# new like: only the fact knows the next likes down, so the list is recomputed from it (a
# list that was not full, or that the batch's likes refill, is not). The comparison with
# the full refresh below covers the result.
IFS=, read -r full_user rl_movies <<<"$(mart_sql "
  with lists as (select user_id, count(*) as listed, string_agg(movie_id::varchar, ';' order by rated_at_epoch desc) as movies
                 from intermediate.int_user_recent_likes group by user_id),
       likes as (select user_id, count(*) as liked from marts.fct_ratings where rating >= 4 group by user_id)
  select user_id, movies from lists join likes using (user_id)
  where listed = (select max(listed) from lists) and liked > listed + 2 order by user_id limit 1" | tail -1)"
IFS=';' read -r rl_m1 rl_m2 _ <<<"$rl_movies"
if [[ -n "$full_user" && -n "$rl_m2" ]]; then
  LAST=$(raw_sql "select max(\"timestamp\") from $R" | tail -1)
  printf 'userId,movieId,rating,timestamp\n%s,%s,1.0,%s\n%s,%s,1.5,%s\n' \
    "$full_user" "$rl_m1" $((LAST + 60)) "$full_user" "$rl_m2" $((LAST + 120)) >"$DATA/ratings_batch4.csv"
  strata_project load >"$WORK/load4.log" 2>&1 || { cat "$WORK/load4.log"; fail "strata load (re-ratings of listed likes)"; }
  before=$(mart_sql "select count(*) from intermediate.int_user_recent_likes where user_id = $full_user" | tail -1)
  if strata_project build --vars "$VARS" >"$WORK/build4.log" 2>&1; then
    pass "strata build (incremental, two listed likes of user $full_user re-rated)"
  else
    tail -40 "$WORK/build4.log"; fail "strata build (incremental, two listed likes of user $full_user re-rated)"
  fi
  refilled=$(mart_sql "select count(*), count(*) filter (where movie_id in ($rl_m1, $rl_m2))
                       from intermediate.int_user_recent_likes where user_id = $full_user" | tail -1)
  [[ "$refilled" == "$before,0" ]] \
    && pass "a full list that lost two likes is refilled from the fact ($before entries)" \
    || fail "the recent likes of user $full_user after losing two: entries, re-rated still listed = $refilled (want $before,0)"
  R="read_csv('$DATA/ratings*.csv', header = true)"
else
  fail "no user with a full list of recent likes and older likes to refill it"
fi
# The catalog: int_movie_attributes did nothing in the incremental builds above (the movies
# and links had not changed) and is rebuilt when they change, as a new MovieLens release
# would change them (a title corrected, a movie added; made in raw.movies directly, since
# `strata load` does not reload a changed file). The comparison below then covers it.
attr_rows=$(python3 -c "import json, sys; r = json.load(open(sys.argv[1]))['results']
print([x['adapter_response'].get('rows_affected') for x in r if x['unique_id'] == 'model.movielens.int_movie_attributes'])" \
  "$PROJECT/target/run_results.json")
[[ "$attr_rows" == "[0]" ]] && pass "int_movie_attributes is a no-op while the catalog is unchanged" \
  || fail "int_movie_attributes wrote rows with the catalog unchanged: $attr_rows"
# (the corrected movie is one movie_similarity lists as a similar movie: its post-hook
# brings the title up to date between its monthly trainings)
mart_sql "update raw.movies set title = 'Corrected Title (1995)' where movieId = (select min(similar_movie_id) from marts.movie_similarity);
          insert into raw.movies select max(movieId) + 1, 'Catalog Addition (2024)', 'Comedy|Drama' from raw.movies" >/dev/null \
  || fail "changing raw.movies"
if strata_project build --vars "$VARS" >"$WORK/build_catalog.log" 2>&1; then
  catalog=$(mart_sql "select (select count(*) from marts.dim_movies where title in ('Corrected Title', 'Catalog Addition')),
                             (select count(*) from intermediate.int_movie_attributes) = (select count(*) from raw.movies)" | tail -1)
  [[ "$catalog" == "2,true" ]] && pass "a changed catalog rebuilds int_movie_attributes (dim_movies has the new title and movie)" \
    || fail "after the catalog changed: new titles in dim_movies, attributes = movies: $catalog (want 2,true)"
  stale=$(mart_sql "select count(*) filter (where s.similar_title is distinct from m.display_title), count(*) filter (where m.title = 'Corrected Title')
                    from marts.movie_similarity as s join marts.dim_movies as m on m.movie_id = s.similar_movie_id" | tail -1)
  [[ "${stale%,*}" == "0" && "${stale#*,}" -gt 0 ]] && pass "movie_similarity shows the corrected title without retraining" \
    || fail "movie_similarity after the catalog changed: stale titles, rows of the corrected movie = $stale (want 0 and > 0)"
else
  tail -30 "$WORK/build_catalog.log"; fail "strata build (catalog changed)"
fi
TABLES=$(mart_sql "select table_schema || '.' || table_name from information_schema.tables
                   where table_schema in ('intermediate', 'marts') and table_type = 'BASE TABLE'
                     and table_name <> 'fct_model_run_times' order by 1" | tail -n +2)
copy="create schema if not exists incremental_copy;"
for t in $TABLES; do copy+="create or replace table incremental_copy.${t#*.} as select * from $t;"; done
mart_sql "$copy" >/dev/null || fail "copying the incremental tables"
if strata_project build --full-refresh --vars "$VARS" >"$WORK/refresh.log" 2>&1; then
  pass "strata build --full-refresh"
else
  tail -30 "$WORK/refresh.log"; fail "strata build --full-refresh"
fi
compare=""
for t in $TABLES; do
  cols=$(mart_sql "select string_agg('\"' || column_name || '\"', ', ' order by ordinal_position) from information_schema.columns
                   where table_schema = '${t%.*}' and table_name = '${t#*.}' and column_name not in ('loaded_by_invocation', 'loaded_at')" | tail -1)
  cols=${cols#\"}; cols=${cols%\"}; cols=${cols//\"\"/\"}
  compare+="select '$t' as relation, (select count(*) from $t) as full_refresh_rows,
              (select count(*) from (select $cols from incremental_copy.${t#*.} except all select $cols from $t))
            + (select count(*) from (select $cols from $t except all select $cols from incremental_copy.${t#*.})) as differing_rows union all "
done
result=$(mart_sql "${compare% union all } order by differing_rows desc, relation" 2>&1) || { fail "comparing incremental with full refresh: $result"; result=""; }
ntables=$(wc -w <<<"$TABLES")
bad=$(awk -F, 'NR > 1 && $3 != 0' <<<"$result")
if [[ -n "$result" && -z "$bad" ]]; then
  pass "after four batches, all $ntables tables built incrementally = --full-refresh, row for row"
else
  fail "incremental differs from --full-refresh:"; echo "$bad" | head -20
fi
fr=$(mart_sql "select count(*) from marts.fct_ratings" | tail -1)
[[ "$fr" -gt 0 ]] || fail "fct_ratings is empty after the full refresh"

# a state model with a recount_since the macro does not know is a compile error naming it
if strata_project compile --inline "{{ rating_state(keys=[('movie_id', 'r.movie_id')], measures=[('ratings', 'count(*)', 'sum(sign)')], recount_since='days') }}" \
    >"$WORK/recount_since.log" 2>&1; then
  fail "rating_state accepted recount_since='days'"
elif grep -q "recount_since is days; use 'day', 'month', 'lost' or leave it out" "$WORK/recount_since.log"; then
  pass "rating_state rejects an unknown recount_since"
else
  cat "$WORK/recount_since.log"; fail "rating_state with recount_since='days': unexpected error"
fi

# the genre profile packs a genre's position in 6 bits: a catalog with 64 genres or more
# stops the concat with an error that says so (int_movie_genres is rebuilt by the next build)
mart_sql "insert into intermediate.int_movie_genres
          select (select min(movie_id) from intermediate.int_movie_genres), 'Test genre ' || i, 'Other', false, 1
          from range(64) as t(i)" >/dev/null || fail "adding genres to int_movie_genres"
if strata_project run -s fct_user_behaviour_genres_concat --full-refresh --vars "$VARS" >"$WORK/many_genres.log" 2>&1; then
  fail "fct_user_behaviour_genres_concat built with more than 63 genres"
elif grep -q "packs a genre in 6 bits: at most 63 genres" "$WORK/many_genres.log"; then
  pass "more than 63 genres stop the genre profile with an error that says why"
else
  cat "$WORK/many_genres.log"; fail "fct_user_behaviour_genres_concat with more than 63 genres: unexpected error"
fi
mart_sql "delete from intermediate.int_movie_genres where genre like 'Test genre %'" >/dev/null

# a warehouse whose heatmap state has an older layout (a row per user and cell) is not
# merged into: the incremental run stops and asks for --full-refresh
mart_sql "create or replace table intermediate.int_user_hour_weekday as
          select 1 as user_id, 1 as iso_weekday, 0 as hour_of_day, 1 as ratings, 4.0 as rating_sum, 0 as last_rated_at_epoch" >/dev/null
if strata_project run -s int_user_hour_weekday --vars "$VARS" >"$WORK/old_layout.log" 2>&1; then
  fail "an old-layout int_user_hour_weekday was merged into"
elif grep -q "older version of this model.*rebuild it with --full-refresh" "$WORK/old_layout.log"; then
  pass "an old-layout int_user_hour_weekday stops the run and asks for --full-refresh"
else
  cat "$WORK/old_layout.log"; fail "an old-layout int_user_hour_weekday: unexpected error"
fi
strata_project run -s int_user_hour_weekday --full-refresh --vars "$VARS" >"$WORK/old_layout_fix.log" 2>&1 \
  || { tail -20 "$WORK/old_layout_fix.log"; fail "rebuilding int_user_hour_weekday with --full-refresh"; }

# a fct_ratings built before it had loaded_at gets the column (null in its old rows) from
# the model's pre-hook on the next incremental run instead of failing on the insert
mart_sql "alter table marts.fct_ratings drop column loaded_at" >/dev/null
if strata_project run -s fct_ratings --vars "$VARS" >"$WORK/add_column.log" 2>&1; then
  la=$(mart_sql "select count(*) filter (where loaded_at is null) > 0 and count(*) filter (where loaded_at is not null) > 0 from marts.fct_ratings" | tail -1)
  [[ "$la" == "true" ]] && pass "an fct_ratings without loaded_at gets the column on its next incremental run" \
    || fail "fct_ratings without loaded_at: the column was not added as expected ($la)"
else
  tail -n 20 "$WORK/add_column.log"; fail "an fct_ratings without loaded_at: the incremental run failed"
fi

# ---- a bad batch: the tests that read only the new batch must catch it -----------------
# stg_ratings' tests read the ratings fct_ratings has not taken yet (not_yet_in) and gate
# it; fct_ratings' tests read its latest load (latest_load(loaded_at)); a new rating of 7
# of a movie that does not exist must fail both, also in a standalone `strata test`. A
# rating of 0.3 dated 2001 (older than the batches) is seen only with test_all_rows.
LAST=$(raw_sql "select max(\"timestamp\") from $R" | tail -1)
printf 'userId,movieId,rating,timestamp\n1,999999999,7.0,%s\n1,1,0.3,1000000000\n' "$((LAST + 60))" >"$DATA/ratings_bad_batch.csv"
strata_project load >"$WORK/load_bad.log" 2>&1 || { cat "$WORK/load_bad.log"; fail "strata load (bad batch)"; }
strata_project build -s stg_ratings fct_ratings --vars "$VARS" >"$WORK/build_bad.log" 2>&1
if grep -qE "FAIL 1 accepted_values_stg_ratings" "$WORK/build_bad.log" \
   && grep -qE "FAIL.*relationships_stg_ratings_movie_id" "$WORK/build_bad.log" \
   && grep -qE "SKIP.*fct_ratings" "$WORK/build_bad.log"; then
  pass "a bad batch fails stg_ratings' tests (new rows only) and fct_ratings is not built on it"
else
  tail -30 "$WORK/build_bad.log"; fail "a bad batch: stg_ratings' tests did not stop the build"
fi
strata_project run -s fct_ratings --vars "$VARS" >"$WORK/run_bad.log" 2>&1 || { tail -20 "$WORK/run_bad.log"; fail "strata run -s fct_ratings (bad batch)"; }
strata_project test -s fct_ratings --vars "$VARS" >"$WORK/test_bad.log" 2>&1
sql_bad=$(cat "$PROJECT"/target/run/movielens/models/marts/core/_core.yml/rating_scale_fct_ratings_rating.sql 2>/dev/null)
if grep -qE "FAIL 1 rating_scale_fct_ratings_rating" "$WORK/test_bad.log" \
   && grep -qE "FAIL 1 relationships_fct_ratings_movie_id" "$WORK/test_bad.log" \
   && grep -q "where loaded_at = '" <<<"$sql_bad"; then
  pass "fct_ratings' tests read its latest load only and catch the bad rating"
else
  tail -30 "$WORK/test_bad.log"; fail "fct_ratings' latest_load tests did not catch the bad batch"
fi
# every rating, the old one too, with test_all_rows: two bad values
strata_project test -s stg_ratings --vars "{test_all_rows: true}" >"$WORK/test_stg_all.log" 2>&1
if grep -qE "FAIL 2 accepted_values_stg_ratings" "$WORK/test_stg_all.log"; then
  pass "stg_ratings' tests with test_all_rows read every rating, older ones too"
else
  tail -n 20 "$WORK/test_stg_all.log"; fail "stg_ratings' tests with test_all_rows"
fi
rm -f "$DATA/ratings_bad_batch.csv"

# ---- ml-latest-small layout: no genome files ------------------------------------------
NG=$WORK/nogenome
"$GEN" --out "$NG" --ratings 20000 --seed 9 --files ratings,movies,tags,links --quiet
if MOVIELENS_DATA=$NG MOVIELENS_DB=$WORK/nogenome.duckdb strata_project load >"$WORK/ng_load.log" 2>&1 &&
   MOVIELENS_DATA=$NG MOVIELENS_DB=$WORK/nogenome.duckdb strata_project build >"$WORK/ng_build.log" 2>&1; then
  n=$("$STRATA" sql -f csv -d "$WORK/nogenome.duckdb" "select (select count(*) from marts.fct_genome_scores) + (select count(*) from marts.dim_genome_tags)" | tail -1)
  [[ "$n" == "0" ]] && pass "no genome files: genome marts build empty" || fail "no genome files: genome marts have $n rows"
else
  tail -30 "$WORK/ng_load.log" "$WORK/ng_build.log"; fail "load + build without genome files"
fi

if (( failures > 0 )); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all movielens checks passed"
