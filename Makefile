# The two commands of the README, and the pieces they are made of. Every target sets up what it needs first.
SHELL := /bin/bash
CLI := dotnet cli/bin/Release/net10.0/apisentinel.dll

.PHONY: setup build test demo bench publish clean

setup:
	@scripts/setup.sh

build: setup
	dotnet build ApiSentinel.sln -c Release -warnaserror --nologo -v quiet

# The whole test suite; the last line is "N passed, N failed, N skipped".
test: setup
	@scripts/test.sh

# The main job on the bundled sample: the API catalog of samples/*.pcap compared with the published spec.
demo: build
	$(CLI) analyze --pcap samples/*.pcap --spec samples/*.openapi.yaml --format table

# Throughput benchmark against tshark and a bare read (see bench/README.md); SIZE=1GB by default.
bench: setup
	@scripts/setup.sh bench
	bench/run-exchanges.sh

publish: setup
	dotnet publish cli -c Release -o out/apisentinel --nologo

clean:
	dotnet clean ApiSentinel.sln --nologo -v quiet
	rm -rf out
