# Builds the IncidentHub web app into a small runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/IncidentHub.Domain/IncidentHub.Domain.csproj src/IncidentHub.Domain/
COPY src/IncidentHub.Web/IncidentHub.Web.csproj src/IncidentHub.Web/
RUN dotnet restore src/IncidentHub.Web/IncidentHub.Web.csproj
COPY src/ src/
RUN dotnet publish src/IncidentHub.Web/IncidentHub.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "IncidentHub.Web.dll"]
