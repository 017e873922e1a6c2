// Renders a typical dbt model (config() + ref()s + a for loop + a macro call) many times
// with one shared Environment and reports renders per second, on one thread and on all
// hardware threads. Usage: jinja_render_bench [seconds-per-run]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "jinja/environment.h"

using namespace strata;
using namespace strata::jinja;

namespace {

const char* kMacros = R"({% macro cents_to_dollars(column_name, scale=2) -%}
    round(cast({{ column_name }} as numeric) / 100, {{ scale }})
{%- endmacro %})";

const char* kModel = R"({{ config(materialized='table', tags=['finance', 'daily']) }}

{% set payment_methods = ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] %}

with orders as (
    select * from {{ ref('stg_orders') }}
),

payments as (
    select * from {{ ref('stg_payments') }}
),

order_payments as (
    select
        order_id,
        {% for payment_method in payment_methods -%}
        sum(case when payment_method = '{{ payment_method }}' then amount else 0 end) as {{ payment_method }}_amount,
        {% endfor -%}
        sum(amount) as total_amount
    from payments
    group by order_id
)

select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    {{ cents_to_dollars('order_payments.total_amount') }} as amount
from orders
left join order_payments on orders.order_id = order_payments.order_id
{% if is_incremental() %}
where orders.order_date > (select max(order_date) from {{ this }})
{% endif %}
)";

double run(const TemplatePtr& model, const Value& vars, int threads, double seconds, size_t& bytes) {
  std::atomic<uint64_t> renders{0};
  std::atomic<bool> stop{false};
  std::atomic<size_t> size{0};
  std::vector<std::thread> pool;
  auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      uint64_t local = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        auto out = model->render(vars);
        if (!out.ok()) {
          std::fprintf(stderr, "%s", render_error(out.error()).c_str());
          std::exit(1);
        }
        size.store(out->size(), std::memory_order_relaxed);
        ++local;
      }
      renders += local;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bytes = size.load();
  return static_cast<double>(renders.load()) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  Environment env;
  // Host functions like dbt's: config() records, ref() resolves a relation name.
  env.add_function("config", [](CallContext&, CallArgs&) -> Result<Value> { return Value(std::string()); });
  env.add_function("ref", [](CallContext&, CallArgs& args) -> Result<Value> {
    return Value("\"analytics\".\"main\".\"" + args.positional.at(0).as_string() + "\"");
  });
  env.add_function("is_incremental", [](CallContext&, CallArgs&) -> Result<Value> { return Value(false); });
  auto macros = env.parse(kMacros, "macros/cents_to_dollars.sql");
  auto model = env.parse(kModel, "models/orders.sql");
  if (!macros.ok() || !model.ok()) {
    std::fprintf(stderr, "parse failed\n");
    return 1;
  }
  Value vars = make_dict({{"cents_to_dollars", (*macros)->macro("cents_to_dollars")}, {"this", Value("\"analytics\".\"main\".\"orders\"")}});
  size_t bytes = 0;
  double single = run(*model, vars, 1, seconds, bytes);
  unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  double multi = run(*model, vars, static_cast<int>(hw), seconds, bytes);
  std::printf("typical dbt model (%zu bytes of output)\n", bytes);
  std::printf("  1 thread : %.0f renders/s (%.1f us/render)\n", single, 1e6 / single);
  std::printf("  %u threads: %.0f renders/s\n", hw, multi);
  return 0;
}
