# jixiao in a container: a build stage with the Rust toolchain, and a small
# runtime stage with the binary and nothing of the build.
#
#   docker build -t jixiao .
#   docker run --rm -v "$PWD/samples:/in:ro" -v "$PWD/out:/out" jixiao convert /in -o /out
#
# The runtime image is Debian's slim image (glibc, which the binary links
# against, and a shell for `sh -c` in job specs); jixiao needs no other
# program: every format is read natively, SQLite is compiled in.

FROM rust:1-slim-bookworm AS build
# jemalloc (the binary's allocator) is compiled with the C toolchain and make.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p jixiao-cli \
 && strip target/release/jixiao

FROM debian:bookworm-slim
COPY --from=build /src/target/release/jixiao /usr/local/bin/jixiao
# A user of its own: the outputs a run writes are not root's.
RUN useradd --system --uid 10001 --user-group --create-home jixiao
USER 10001:10001
WORKDIR /home/jixiao
ENTRYPOINT ["/usr/local/bin/jixiao"]
CMD ["--help"]
