import { Anchor, Badge, Button, Card, Checkbox, FileInput, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, uploadStockFile, type ImportPreview } from '../api/client';
import { DataTable } from '../components/data-table';
import { importQueryOf, LOCATION_KINDS, omittedText, previewFigures } from '../components/import-form.model';
import { isJobRunning, JobDetails } from '../components/job-details';
import { jobColor } from '../components/labels';
import { RouteLink } from '../components/route-link';
import { Empty, Failed, Loading } from '../components/states';

/**
 * Imports a stock file (CSV or NDJSON, the columns of the levels export): a dry run first shows
 * what it would do and every refused line; "Import" then runs it as a job, followed live here.
 */
export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [createItems, setCreateItems] = useState(false);
  const [createLocations, setCreateLocations] = useState<string | null>(null);
  const query = importQueryOf({ createItems, createLocations });
  const check = useMutation({ mutationFn: (chosen: File) => uploadStockFile(chosen, query, true) });
  const run = useMutation({ mutationFn: (chosen: File) => uploadStockFile(chosen, query, false) });
  // A new file or choice needs a new preview before it is imported.
  const reset = () => {
    check.reset();
    run.reset();
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        Import
      </Title>
      <Text size="sm">
        A CSV or NDJSON file of stock lines, with the columns of the{' '}
        <Anchor href="/api/v1/stock-levels/export?format=csv" download underline="always">
          levels export
        </Anchor>{' '}
        (<code>sku</code>, <code>location</code>, <code>onHand</code>…). Check it first: nothing changes until you import it.
      </Text>
      <Group align="end">
        <FileInput
          label="Stock file"
          accept=".csv,.ndjson,.jsonl,text/csv"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            reset();
          }}
          clearable
          w={320}
        />
        <Select
          label="Create unknown locations as"
          placeholder="refuse them"
          clearable
          data={[...LOCATION_KINDS]}
          value={createLocations}
          onChange={(kind) => {
            setCreateLocations(kind);
            reset();
          }}
          w={240}
        />
        <Checkbox
          label="Create items no identifier names yet"
          checked={createItems}
          onChange={(event) => {
            setCreateItems(event.currentTarget.checked);
            reset();
          }}
          mb={8}
        />
        <Button variant="default" disabled={!file} loading={check.isPending} onClick={() => file && check.mutate(file)}>
          Check file
        </Button>
      </Group>
      {check.isError && <Failed error={check.error} />}
      {check.data && <Preview preview={check.data} />}
      {check.data && !run.data && (
        <Group>
          <Button disabled={!file || check.data.valid === 0} loading={run.isPending} onClick={() => file && run.mutate(file)}>
            Import
          </Button>
          {check.data.valid === 0 && <Text c="dimmed">No line of this file can be applied.</Text>}
        </Group>
      )}
      {run.isError && <Failed error={run.error} />}
      {run.data && <ImportProgress jobId={run.data.jobId} />}
    </Stack>
  );
}

/** The dry run's figures and the refused lines. */
function Preview({ preview }: { preview: ImportPreview }) {
  const omitted = omittedText(preview);
  return (
    <Card withBorder data-testid="import-preview">
      <Title order={2} size="h4" mb="sm">
        Preview
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} mb="md">
        {previewFigures(preview).map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600}>{value}</Text>
          </div>
        ))}
      </SimpleGrid>
      {preview.problems.length === 0 ? (
        <Empty>Every line can be applied.</Empty>
      ) : (
        <DataTable data-testid="import-problems" aria-label="Invalid lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Field</Table.Th>
              <Table.Th>Code</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.problems.map((p) => (
              <Table.Tr key={`${p.line}-${p.field}`}>
                <Table.Td>{p.line}</Table.Td>
                <Table.Td>{p.field}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="red">
                    {p.code}
                  </Badge>
                </Table.Td>
                <Table.Td>{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {omitted && (
        <Text mt="sm" c="dimmed" data-testid="import-omitted">
          {omitted}
        </Text>
      )}
    </Card>
  );
}

/** The import job, polled until it ends. */
function ImportProgress({ jobId }: { jobId: number }) {
  const job = useQuery({
    queryKey: ['job', String(jobId)],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId: String(jobId) } } })),
    refetchInterval: (q) => (q.state.data && !isJobRunning(q.state.data) ? false : 500),
  });
  if (job.isPending) return <Loading what={`job ${jobId}`} />;
  if (job.isError) return <Failed error={job.error} />;
  return (
    <Stack data-testid="import-job">
      <Group>
        <Text>
          Import job <RouteLink to={`/jobs/${jobId}`}>#{jobId}</RouteLink>
        </Text>
        <Badge color={jobColor(job.data.status)} data-testid="job-status">
          {job.data.status}
        </Badge>
      </Group>
      <JobDetails job={job.data} />
    </Stack>
  );
}
