# Build and run the application; docker-compose.yml starts it on the postgres profile.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN ./mvnw -B -q package -DskipTests
# Unpacked (app.jar beside lib/): the nested jar's class loading cost about 5 s of every start
# (docs/performance.md, "Start-up and memory").
RUN java -Djarmode=tools -jar target/support-escalation-*.jar extract --destination /src/extracted --application-filename app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 support
WORKDIR /app
COPY --from=build /src/extracted/ ./
COPY deploy/jvm.options /app/jvm.options
USER support
EXPOSE 8080
# The JVM's sizing lives in deploy/jvm.options (the benchmark starts the application with it too);
# JAVA_OPTS comes after it, so e.g. JAVA_OPTS=-Xmx1g overrides the heap.
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options $JAVA_OPTS -jar /app/app.jar \"$@\"", "--"]
