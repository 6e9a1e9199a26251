// Code block templates for the benchmark corpus, a few per language, so that Shiki has
// realistic work to do. Placeholders: %Name% (PascalCase noun), %name% (camelCase noun),
// %verb% (verb), %noun% and %other% (lower-case nouns), %n1% %n2% %n3% (numbers).

export const LANGUAGES = ['ts', 'js', 'python', 'bash', 'css', 'json', 'rust', 'go'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SNIPPETS: Record<Language, readonly string[]> = {
  ts: [
    `interface %Name% {
  id: string;
  %name%Count: number;
  tags: readonly string[];
  updatedAt?: Date;
}

export function %verb%%Name%s(items: %Name%[], limit = %n1%): %Name%[] {
  return items
    .filter((item) => item.%name%Count > %n2%)
    .sort((a, b) => b.%name%Count - a.%name%Count || a.id.localeCompare(b.id))
    .slice(0, limit);
}`,
    `type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export async function %verb%%Name%(path: string): Promise<Result<%Name%>> {
  const started = performance.now();
  try {
    const raw = await readFile(path, 'utf8');
    const value = JSON.parse(raw) as %Name%;
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: String(error) };
  } finally {
    console.log(\`%noun% took \${(performance.now() - started).toFixed(%n3%)}ms\`);
  }
}`,
    `const %name%Cache = new Map<string, %Name%>();

export function get%Name%(key: string, load: (key: string) => %Name%): %Name% {
  let hit = %name%Cache.get(key);
  if (hit === undefined) {
    hit = load(key);
    if (%name%Cache.size > %n1%) %name%Cache.clear();
    %name%Cache.set(key, hit);
  }
  return hit;
}`,
  ],
  js: [
    `const %name%s = new Map();

export async function %verb%%Name%(key) {
  if (%name%s.has(key)) return %name%s.get(key);
  const response = await fetch(\`https://example.org/api/%noun%/\${key}\`);
  if (!response.ok) throw new Error(\`%noun% \${key}: \${response.status}\`);
  const value = await response.json();
  %name%s.set(key, value);
  return value;
}`,
    `export function debounce(fn, wait = %n1%) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

document.querySelector('#%noun%').addEventListener('input', debounce((event) => {
  console.log('%other%', event.target.value.length);
}, %n2%));`,
  ],
  python: [
    `from dataclasses import dataclass, field


@dataclass
class %Name%:
    name: str
    size: int = %n1%
    tags: list[str] = field(default_factory=list)


def %verb%_%noun%s(items: list[%Name%], limit: int = %n2%) -> list[%Name%]:
    """Return the largest %noun%s first."""
    ranked = sorted(items, key=lambda item: (-item.size, item.name))
    return ranked[:limit]`,
    `import time
from pathlib import Path


def %verb%_all(root: Path) -> dict[str, float]:
    timings = {}
    for path in sorted(root.glob("**/*.md")):
        started = time.perf_counter()
        text = path.read_text(encoding="utf-8")
        timings[path.name] = (time.perf_counter() - started) * 1000
        if len(text) > %n1% * 1024:
            print(f"{path.name}: large %noun% ({len(text)} bytes)")
    return timings`,
  ],
  bash: [
    `#!/usr/bin/env bash
set -euo pipefail

for i in $(seq 1 %n1%); do
  start=$(date +%s%N)
  npm run build >/dev/null
  end=$(date +%s%N)
  echo "%noun% $i: $(( (end - start) / 1000000 )) ms"
done`,
    `# find the %n2% largest %noun% files
find ./dist -type f -name '*.html' -printf '%s %p\\n' \\
  | sort -rn \\
  | head -n %n2%

du -sh ./dist ./node_modules/.astro`,
  ],
  css: [
    `.%noun%-list {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(%n1%px, 1fr));
  gap: 1rem;
  margin-block: 2rem;
}

.%noun%-list > li {
  padding: 0.75rem 1rem;
  border: 1px solid color-mix(in srgb, currentColor %n2%%, transparent);
  border-radius: 0.5rem;
}`,
    `:root {
  --%noun%-accent: oklch(0.%n1% 0.12 250);
  --measure: 68ch;
}

@media (prefers-color-scheme: dark) {
  :root { --%noun%-accent: oklch(0.8 0.1 250); }
}

.%other% a:hover { color: var(--%noun%-accent); text-underline-offset: 0.%n3%em; }`,
  ],
  json: [
    `{
  "name": "%noun%-%other%",
  "version": "%n3%.%n2%.0",
  "private": true,
  "scripts": {
    "build": "astro build",
    "%verb%": "node scripts/%verb%.ts"
  },
  "limits": { "%noun%": %n1%, "%other%": %n2% }
}`,
    `[
  { "id": "%noun%-1", "size": %n1%, "tags": ["%noun%", "%other%"] },
  { "id": "%noun%-2", "size": %n2%, "tags": ["%other%"] },
  { "id": "%noun%-3", "size": %n3%, "tags": [] }
]`,
  ],
  rust: [
    `use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct %Name% {
    pub id: u32,
    pub weight: f64,
}

pub fn %verb%_%noun%s(items: &[%Name%]) -> HashMap<u32, f64> {
    let mut totals = HashMap::with_capacity(%n1%);
    for item in items.iter().filter(|i| i.weight > %n2%.0) {
        *totals.entry(item.id).or_insert(0.0) += item.weight;
    }
    totals
}`,
    `fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string("%noun%.txt")?;
    let count = text.lines().filter(|line| !line.trim().is_empty()).count();
    println!("{count} non-empty lines in %noun%.txt (limit {})", %n1%);
    Ok(())
}`,
  ],
  go: [
    `package %noun%

import (
	"sort"
	"strings"
)

type %Name% struct {
	Name  string
	Count int
}

func %Verb%(items []%Name%, limit int) []%Name% {
	sort.Slice(items, func(i, j int) bool {
		if items[i].Count != items[j].Count {
			return items[i].Count > items[j].Count
		}
		return strings.Compare(items[i].Name, items[j].Name) < 0
	})
	if len(items) > limit {
		items = items[:limit]
	}
	return items
}`,
    `func worker(id int, jobs <-chan string, results chan<- int) {
	for job := range jobs {
		time.Sleep(%n1% * time.Millisecond)
		results <- len(job) + id
	}
}

func main() {
	jobs := make(chan string, %n2%)
	results := make(chan int, %n2%)
	for w := 1; w <= %n3%; w++ {
		go worker(w, jobs, results)
	}
}`,
  ],
};
