#pragma once
// Diffing two payloads the way a person reads them: JSON re-indented first (so a changed
// member is one changed line, not a whole changed document; big documents by their first
// maxBytes), binary and images as hex dump lines, everything else as text. All under
// LineDiff's limits.

#include "models/payload/LineDiff.h"
#include "models/payload/PayloadKind.h"

namespace bs::models {

LineDiffResult diffPayloads(const QByteArray& before, PayloadKind beforeKind,
                            const QByteArray& after, PayloadKind afterKind,
                            const DiffLimits& limits = {});

} // namespace bs::models
