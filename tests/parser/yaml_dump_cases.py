#!/usr/bin/env python3
# Writes yaml_dump_cases.jsonl: each line [value as JSON text, PyYAML safe_dump(value, sort_keys=False)],
# the output dbt's toyaml() gives. Run with python3-yaml: python3 yaml_dump_cases.py > yaml_dump_cases.jsonl
import json

import yaml

CASES = [
    {'a': [1, 'b', 'yes', '1'], 'c': {'d': None, 'e': 'x y: z'}},
    [{'a': 1, 'b': [1, 2]}, [1, [2]], {}, []],
    'a', '1', '', 1.5, 1e20, None, True, 0, -3, 1e-7, 123456789012345678, {}, [],
    {'x': 'a\nb', 'y': 'caf\u00e9', 'z': ' lead', 'w': 'a: b', 'v': '#x', 'u': '-', 't': '- a', 's': "it's", 'r': '',
     'q': 'a\tb', 'p': 'null', 'o': '1.0', 'n': '0x1F', 'm': '2021-01-01', 'l': 'y', 'k': 'on', 'j': '0o7', 'i': '012',
     'h': '1_000', 'g': '.5', 'f': '1:20', 'e': 'a #b', 'd': 'a#b', 'c': 'trailing ', 'b': '--- x', 'a': '<<', 'aa': '=',
     'ab': 'x\n\ny\n', 'ac': 'quote"d', 'ad': 'back\\slash', 'ae': '\U0001F600', 'af': 'a\u2028b', 'ag': '? x',
     'ah': ': x', 'ai': 'a:b', 'aj': '@x', 'ak': '%x', 'al': '!x', 'am': '&x', 'an': '*x', 'ao': '|x', 'ap': '>x',
     'aq': '`x', 'ar': '[x', 'as': '{x', 'at': ',x', 'au': '2021-01-01 10:00:00', 'av': '-.inf', 'aw': 'NaN'},
    {'long': 'word ' * 30, 'long_quoted': "it's " * 30, 'long_dq': 'caf\u00e9 ' * 25,
     'nested': {'deeper': {'list': ['word ' * 25, {'k': 'v', 'k2': [{}, []]}]}}},
    {'': 'empty key', '1': 'int-like key', 'key with space': [None], 'multi\nline key': {'a': 1}, 'k' * 122: 1,
     'k' * 123: [1], "long key's " * 13: 'x'},
    [[[1, 2], []], {'a': {'b': {}}}],
    {'sql': "select *\nfrom {{ ref('x') }}\nwhere a = 'b'\n"},
    {'models': [{'name': 'orders', 'columns': [{'name': 'id', 'tests': ['unique', 'not_null']}]}]},
]

for case in CASES:
    print(json.dumps([json.dumps(case), yaml.safe_dump(case, sort_keys=False)]))
