set -eu
inputs="$(cd "$(dirname "$0")" && pwd)"             # examples/walkthrough: the files below
folder="${1:-$(mktemp -d)}" && mkdir -p "$folder" && cd "$folder"   # given, or a new folder
sobreg init . --as admin@vgregion.se                # a new registry to try it in
export SOBREG_ACTOR=admin@vgregion.se               # or --as, or git config user.email
export SOBREG_TODAY=2026-03-02                      # when it happened (a past event)
sobreg nominate --from-file "$inputs/idea.yaml" --json          # a: {"id": "N-2026-001", ...}
sobreg search sömn                                  # what the registry holds like it
sobreg check N-2026-001 || true                     # what step a still needs (exit 1: not ready)
sobreg advance N-2026-001 --set screening.feasible_in_sob=true --set screening.kind_confirmed=true \
  --set screening.catalogue_searched=true --set 'screening.similar_programs=[]' \
  --set 'screening.councils=[Samordningsråd psykiatri]' --set screening.design_network=true  # a -> b
SOBREG_TODAY=2026-03-20 sobreg advance N-2026-001 --from-file "$inputs/inventory.yaml"  # b -> c
SOBREG_TODAY=2026-05-04 sobreg advance N-2026-001 --set council_position.decision=support \
  --set 'council_position.rationale=Stort behov och god evidens' \
  --set 'council_position.council=Samordningsråd psykiatri' \
  --set council_position.date=2026-05-04 --set council_position.to_ppr=false \
  --set council_position.ordered_introduction=false  # a position, not a decision: c -> e (d only with PPR)
SOBREG_TODAY=2026-05-20 sobreg advance N-2026-001 --set decision.outcome=build \
  --set 'decision.rationale=Byggs i egen regi' --set decision.date=2026-05-20 \
  --set decision.program_id=somnhjalpen             # e: the decision; creates programs/somnhjalpen.yaml at f
SOBREG_TODAY=2026-06-01 sobreg advance somnhjalpen --from-file "$inputs/project.yaml"         # f -> g
SOBREG_TODAY=2026-08-15 sobreg advance somnhjalpen --from-file "$inputs/production.yaml"      # g -> h
SOBREG_TODAY=2026-09-01 sobreg advance somnhjalpen --from-file "$inputs/review.yaml"          # h -> i
SOBREG_TODAY=2026-10-01 sobreg advance somnhjalpen --from-file "$inputs/tests.yaml"           # i -> j (clinical test not done: recommended)
SOBREG_TODAY=2026-11-02 sobreg advance somnhjalpen --from-file "$inputs/implementation.yaml"  # j: active
sobreg log somnhjalpen                              # the audit trail
sobreg verify --base "$(git rev-list --max-parents=0 HEAD)"    # every commit since the first
