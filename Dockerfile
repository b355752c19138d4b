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

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 support
WORKDIR /app
COPY --from=build /src/target/support-escalation-*.jar app.jar
USER support
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
