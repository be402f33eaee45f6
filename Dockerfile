# forge in a container: built from this checkout (Release), run from a slim image that holds only
# the libraries the binary links. Docker does not run on the development machines; CI elsewhere
# builds the image:
#   docker build -t forge .
#   docker run --rm -v "$PWD/migrations:/app/migrations:ro" -e DATABASE_URL=... forge db:migrate
# See the README, "forge in Docker / Kubernetes".

FROM debian:bookworm AS build
# What scripts/install-deps installs to build the forge target (not the tests).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config \
      libcli11-dev libfmt-dev libmimalloc-dev \
      libsqlitecpp-dev libsqlite3-dev \
      libpq-dev libpqxx-dev libmysqlcppconn-dev libpg-query-dev \
      nlohmann-json3-dev libssl-dev libyaml-cpp-dev \
 && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -DCMAKE_BUILD_TYPE=Release -DFORGE_BUILD_TESTS=OFF \
 && cmake --build /build -j2 --target forge \
 && cmake --install /build --strip --prefix /usr/local \
 && forge --version

FROM debian:bookworm-slim
# Exactly the Depends of forge's .deb, as dpkg-shlibdeps computes them from the binary and the
# driver modules it carries, and the packages of the libraries forge loads by name: libssl3
# (libcrypto, to hash) and libpg-query1504.0 (lint's PostgreSQL parser): tests/packaging fails
# when the two lists differ.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libc6 libfmt9 libgcc-s1 libmimalloc2.0 libmysqlcppconn7v5 libpg-query1504.0 libpq5 libpqxx-6.4 \
      libsqlite3-0 libssl3 libstdc++6 libyaml-cpp0.7 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/forge /usr/local/bin/forge
COPY --from=build /usr/local/share/bash-completion/completions/forge /usr/share/bash-completion/completions/forge
# An example entrypoint for application images built FROM this one: migrate, then exec the app.
COPY packaging/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN useradd --system --user-group --uid 10001 --home-dir /app --no-create-home forge \
 && mkdir -p /app/migrations \
 && chown -R forge:forge /app
USER forge
# Units are read from /app/migrations (mount them, or COPY them in a derived image); the database
# comes from DATABASE_URL, or from a forge.json in /app.
WORKDIR /app
ENTRYPOINT ["forge"]
CMD ["db:migrate:status"]
