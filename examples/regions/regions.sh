set -eu
inputs="$(cd "$(dirname "$0")" && pwd)"             # examples/regions: the files below
cd "$(mktemp -d)" && mkdir remotes                  # three registries, each with its own remote
export SOBREG_TODAY=2026-06-01
# The national competence group's registry: a program from the national inventory, assessed.
mkdir nkg && cd nkg && sobreg init . --as nkg@example.se && export SOBREG_ACTOR=nkg@example.se
cp "$inputs/sova-battre.yaml" registry/programs/ && git add registry && git commit -qm 'Inventering'
sobreg assess sova-battre --from-file "$inputs/bedomning.yaml" --json
git clone -q --bare . ../remotes/nkg.git && cd ..
# Region Skåne's registry: an open nomination.
mkdir skane && cd skane && sobreg init . --as admin@skane.se && export SOBREG_ACTOR=admin@skane.se
sobreg nominate --from-file "$inputs/skane-idea.yaml"
git clone -q --bare . ../remotes/skane.git && cd ..
# Västra Götalandsregionen's registry names the other two in registry/sources.yaml.
mkdir vgr && cd vgr && sobreg init . --as admin@vgregion.se && export SOBREG_ACTOR=admin@vgregion.se
cat > registry/sources.yaml <<YAML
local: {name: vgr, label: Västra Götalandsregionen}
sources:
  - {name: skane, label: Region Skåne, kind: region, url: $PWD/../remotes/skane.git, branch: main}
  - {name: nkg, label: Nationella kompetensgruppen, kind: national, url: 'file://$PWD/../remotes/nkg.git'}
YAML
sobreg validate && git add registry && git commit -qm 'Källor: Region Skåne och kompetensgruppen'
sobreg sources fetch                                # into refs/sobreg/sources/<name>/head
sobreg nominate --from-file "$inputs/../walkthrough/idea.yaml"     # our own sleep idea
sobreg search sömn                                  # ours, Skåne's and the national, each marked
sobreg show skane:N-2026-001                        # another region's item, read-only
sobreg advance N-2026-001 --set screening.feasible_in_sob=true --set screening.kind_confirmed=true \
  --set screening.catalogue_searched=true --set 'screening.similar_programs=[]' \
  --set 'screening.councils=[Samordningsråd psykiatri]' --set screening.design_network=true  # a -> b
sobreg check N-2026-001 || true                     # step b: Skåne has the same need
cp "$inputs/sova-battre.yaml" registry/programs/ && git add registry && git commit -qm 'Inventering'
sobreg set sova-battre national.source=nkg national.id=sova-battre   # relies on the national one
sobreg show sova-battre                             # the national statement, newer than ours
sobreg publish --out ../nationell-katalog --sources all            # one catalogue over all three
