{{- define "bokujo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "bokujo.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "bokujo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bokujo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "bokujo.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "bokujo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "bokujo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "bokujo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "bokujo.secretName" -}}
{{- default (include "bokujo.fullname" .) .Values.secret.existingSecret -}}
{{- end -}}

{{/* PostgreSQL is configured: its URL comes from the chart's Secret or from the user's. */}}
{{- define "bokujo.usesPostgres" -}}
{{- if or .Values.database.url .Values.database.existingSecret -}}true{{- end -}}
{{- end -}}

{{/*
Refuses combinations that would render but never work; each message names the values to change.
Called from the Deployment, so `helm template` and `helm install` fail before anything is applied.
*/}}
{{- define "bokujo.validate" -}}
{{- $replicas := int .Values.replicaCount -}}
{{- if and (gt $replicas 1) (not (include "bokujo.usesPostgres" .)) -}}
{{- fail (printf "replicaCount=%d needs PostgreSQL: SQLite allows one replica only. Set database.url or database.existingSecret, or replicaCount=1." $replicas) -}}
{{- end -}}
{{- if and .Values.database.url .Values.database.existingSecret -}}
{{- fail "database.url and database.existingSecret are both set: choose one." -}}
{{- end -}}
{{- if le (int .Values.terminationGracePeriodSeconds) (int .Values.config.shutdownTimeoutSeconds) -}}
{{- fail (printf "terminationGracePeriodSeconds=%d must exceed config.shutdownTimeoutSeconds=%d, or pods are killed while draining." (int .Values.terminationGracePeriodSeconds) (int .Values.config.shutdownTimeoutSeconds)) -}}
{{- end -}}
{{- if and .Values.ingress.enabled .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) -}}
{{- fail "ingress.tls.enabled=true needs ingress.tls.secretName (a kubernetes.io/tls Secret for ingress.host)." -}}
{{- end -}}
{{- end -}}
