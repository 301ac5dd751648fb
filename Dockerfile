# A worker machine for `publish all --cluster`: the same set-up as every publish machine (the
# fonts, pango, pandoc and the pipeline, by scripts/setup.sh) plus Dask. Build it from the same
# checkout the coordinator runs: a worker with other pipeline code refuses the run's documents.
#
#   docker build -t publish-worker .
#   docker run --rm --network host publish-worker tcp://SCHEDULER:8786 --nworkers 4
#
# Untested: written where Docker could not run. The set-up script it runs is the tested part.
FROM debian:bookworm-slim
WORKDIR /srv/publish
COPY . .
RUN bash scripts/setup.sh --cluster && rm -rf /var/lib/apt/lists/* /root/.cache
ENTRYPOINT ["/srv/publish/.venv/bin/dask", "worker", "--nthreads", "1"]
