import { VersionHistory } from '../settings/VersionsCard.tsx';
import { useRollbackTemplate, useTemplateVersions } from './queries.ts';

/** Who changed a template, when and why; any earlier version (or the package's, 0) can be put back. */
export function TemplateVersions({ id, current }: { id: string; current: number }) {
  const versions = useTemplateVersions(id);
  const rollback = useRollbackTemplate(id);
  return <VersionHistory testId="template-versions" current={current} versions={versions.data} rollback={rollback} />;
}
