using System.Text;

namespace OpsTower.Policy.Benchmarks;

/// <summary>
/// Generated inputs shaped like a delivery repository's files (no corpus on disk or from the network, so every run
/// measures the same bytes). Each piece mixes compliant and non-compliant settings, so rules report as well as look.
/// </summary>
internal static class Inputs
{
    /// <summary>
    /// One Deployment with a full pod spec (init container, app and sidecar, probes, env, volumes, security
    /// contexts), comments, an anchored label mapping reused by alias, and a <c>&lt;&lt;</c> merge key. About 130 lines.
    /// </summary>
    public static string Deployment(int n)
    {
        string name = $"service-{n}";
        string tag = n % 7 == 0 ? "latest" : $"1.{n % 40}.{n % 9}";
        return $$"""
            # {{name}}: generated for the benchmarks (one of many; the values vary with n)
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
              namespace: team-{{n % 12}}
              labels: &labels-{{n}}
                app: {{name}}
                tier: backend
                version: v{{n % 3 + 1}}
              annotations:
                owner: "platform-team"          # who to page
                description: "Service {{n}} of the generated fleet"
            spec:
              replicas: {{n % 5 + 1}}
              revisionHistoryLimit: 5
              selector:
                matchLabels: *labels-{{n}}
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 0
              template:
                metadata:
                  labels: *labels-{{n}}
                  annotations:
                    prometheus.io/scrape: "true"
                    prometheus.io/port: "9090"
                spec:
                  serviceAccountName: {{name}}
                  terminationGracePeriodSeconds: 30
                  affinity:
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          topologyKey: kubernetes.io/hostname
                          labelSelector:
                            matchLabels: {app: {{name}}}
                  tolerations:
                  - key: dedicated
                    operator: Equal
                    value: backend
                    effect: NoSchedule
                  topologySpreadConstraints:
                  - maxSkew: 1
                    topologyKey: topology.kubernetes.io/zone
                    whenUnsatisfiable: ScheduleAnyway
                    labelSelector:
                      matchLabels: {app: {{name}}}
                  automountServiceAccountToken: {{(n % 4 == 0 ? "true" : "false")}}
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 10001
                    fsGroup: 10001
                    seccompProfile:
                      type: RuntimeDefault
                  initContainers:
                  - name: migrate
                    image: registry.example.com/{{name}}-migrate:{{tag}}
                    command: ["/bin/migrate", "--up"]
                    resources: &small-{{n}}
                      requests: {cpu: 50m, memory: 64Mi}
                      limits: {cpu: 100m, memory: 128Mi}
                    securityContext: &hardened-{{n}}
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      capabilities:
                        drop: ["ALL"]
                  containers:
                  - name: app
                    image: registry.example.com/{{name}}:{{tag}}
                    imagePullPolicy: IfNotPresent
                    ports:
                    - name: http
                      containerPort: 8080
                    - name: metrics
                      containerPort: 9090
                    env:
                    - name: LOG_LEVEL
                      value: info
                    - name: DATABASE_URL
                      valueFrom:
                        secretKeyRef:
                          name: {{name}}-db
                          key: url
                    - name: API_TOKEN
                      value: "{{(n % 10 == 0 ? "tok-0123456789abcdef" : "")}}"
                    resources:
                      requests:
                        cpu: 250m
                        memory: 256Mi
                      limits:
                        cpu: "1"
                        memory: 512Mi
                    livenessProbe:
                      httpGet: {path: /healthz, port: http}
                      initialDelaySeconds: 10
                      periodSeconds: 10
                    readinessProbe:
                      httpGet: {path: /ready, port: http}
                      periodSeconds: 5
                    securityContext:
                      <<: *hardened-{{n}}
                      privileged: {{(n % 25 == 0 ? "true" : "false")}}
                    volumeMounts:
                    - name: tmp
                      mountPath: /tmp
                    - name: config
                      mountPath: /etc/{{name}}
                      readOnly: true
                  - name: log-shipper   # sidecar
                    image: fluent/fluent-bit:2.2.{{n % 5}}
                    resources: *small-{{n}}
                    securityContext: *hardened-{{n}}
                    volumeMounts:
                    - name: tmp
                      mountPath: /var/log/app
                  volumes:
                  - name: tmp
                    emptyDir: {}
                  - name: config
                    configMap:
                      name: {{name}}-config

            """;
    }

    /// <summary>Deployments separated by <c>---</c> until the text reaches <paramref name="minLength"/> characters.</summary>
    public static string KubernetesStream(int minLength)
    {
        var text = new StringBuilder();
        for (int n = 0; text.Length < minLength; n++)
        {
            if (n > 0) text.Append("---\n");
            text.Append(Deployment(n));
        }
        return text.ToString();
    }

    /// <summary>
    /// A Deployment with its Service, PodDisruptionBudget, HPA, ConfigMap and NetworkPolicy: the ~200-line manifest one
    /// team edits (<c>k8s/service-1.yaml</c>).
    /// </summary>
    public static string EditedManifest() => $$"""
        {{Deployment(1)}}---
        # Service in front of the pods
        apiVersion: v1
        kind: Service
        metadata:
          name: service-1
          namespace: team-1
        spec:
          selector:
            app: service-1
          ports:
          - name: http
            port: 80
            targetPort: http
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: service-1
          namespace: team-1
        spec:
          minAvailable: 1
          selector:
            matchLabels:
              app: service-1
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: service-1
          namespace: team-1
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: service-1}
          minReplicas: 2
          maxReplicas: 10
          metrics:
          - type: Resource
            resource:
              name: cpu
              target: {type: Utilization, averageUtilization: 70}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: service-1-config
          namespace: team-1
        data:
          LOG_FORMAT: json
          FEATURE_FLAGS: "checkout,search"
          app.properties: |
            server.port=8080
            management.port=9090
            cache.ttl=300
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: service-1
          namespace: team-1
        spec:
          podSelector:
            matchLabels:
              app: service-1
          policyTypes: [Ingress, Egress]
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  name: ingress
            ports:
            - port: 8080
          egress:
          - to:
            - ipBlock:
                cidr: 10.0.0.0/16
            ports:
            - port: 5432
        """;

    /// <summary>A three-stage Node Dockerfile of about 30 lines, the size a service keeps.</summary>
    public static string Dockerfile(int n) => $$"""
        # syntax=docker/dockerfile:1.7
        FROM node:20.{{n % 10}}-alpine AS deps
        WORKDIR /app
        COPY package.json package-lock.json ./
        RUN npm ci --omit=dev && npm cache clean --force

        FROM node:20.{{n % 10}}-alpine AS build
        WORKDIR /app
        COPY --from=deps /app/node_modules ./node_modules
        COPY . .
        RUN npm run build

        FROM node:20.{{n % 10}}-alpine
        RUN apk add --no-cache dumb-init curl \
            && addgroup -g 1001 -S app \
            && adduser -S app -u 1001 -G app
        WORKDIR /app
        ENV NODE_ENV=production PORT=8080
        COPY --from=build --chown=app:app /app/dist ./dist
        COPY --from=deps --chown=app:app /app/node_modules ./node_modules
        {{(n % 3 == 0 ? "ADD https://example.com/tool.tar.gz /opt/tool.tar.gz" : "COPY config ./config")}}
        USER {{(n % 5 == 0 ? "root" : "app")}}
        EXPOSE 8080
        HEALTHCHECK --interval=30s --timeout=3s CMD ["curl", "-f", "http://localhost:8080/health"]
        ENTRYPOINT ["dumb-init", "--"]
        CMD ["node", "dist/index.js"]

        """;

    /// <summary>A root module's <c>main.tf</c> with an encrypted and an unencrypted resource.</summary>
    public static string Terraform(int n) => $$"""
        terraform {
          required_version = "~> 1.9"
        }

        variable "environment" {
          type    = string
          default = "staging"
        }

        locals {
          name = "svc-{{n}}-${var.environment}"
          tags = { Team = "platform", Service = "svc-{{n}}" }
        }

        resource "aws_s3_bucket" "logs" {
          bucket = "${local.name}-logs"
          tags   = local.tags
        }

        resource "aws_db_instance" "main" {
          identifier              = local.name
          engine                  = "postgres"
          instance_class          = "db.t3.medium"
          storage_encrypted       = {{(n % 2 == 0 ? "true" : "false")}}
          backup_retention_period = 7
          tags                    = local.tags
        }

        resource "aws_security_group" "db" {
          name = "${local.name}-db"
          ingress {
            from_port   = 5432
            to_port     = 5432
            protocol    = "tcp"
            cidr_blocks = ["10.0.0.0/16"]
          }
        }

        """;

    /// <summary>A CI workflow: checkout, build and push of one service's image.</summary>
    public static string Workflow(int n) => $$$"""
        name: service-{{{n}}}
        on:
          push:
            branches: [main]
          pull_request:
        permissions:
          contents: read
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-node@v4
                with:
                  node-version: 20
              - run: npm ci && npm test -- --coverage
              - name: Build image
                run: docker build -t registry.example.com/service-{{{n}}}:${{ github.sha }} services/service-{{{n}}}
              - name: Scan
                uses: aquasecurity/trivy-action@0.24.0
                with:
                  image-ref: registry.example.com/service-{{{n}}}:${{ github.sha }}

        """;

    public const string Compose = """
        services:
          api:
            build: ./services/service-1
            ports:
              - "8080:8080"
            environment:
              - DATABASE_URL=postgres://app:password@db:5432/app
          db:
            image: postgres:16-alpine
            environment:
              POSTGRES_PASSWORD: password
          cache:
            image: redis:7
            privileged: true

        """;

    public const string CodeOwners = """
        # Each service has an owning team; infrastructure needs the platform team.
        *                 @example/platform
        /services/        @example/backend
        /k8s/             @example/platform @example/sre
        /terraform/       @example/platform
        /.github/         @example/platform

        """;
}
