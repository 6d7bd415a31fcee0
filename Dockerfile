# The plankg API; docker-compose.yml runs it next to Neo4j 5.26.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY . .
RUN pip install . \
    && useradd --create-home --uid 10001 plankg

# The embedded store (when no PLANKG_NEO4J_URI is given) lives in the user's data folder.
USER plankg
WORKDIR /home/plankg
EXPOSE 8000

CMD ["plankg", "serve", "--host", "0.0.0.0", "--port", "8000"]
