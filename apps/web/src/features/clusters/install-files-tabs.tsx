'use client';
import { installFiles, type InstallTarget } from '@kubetrail/install';
import { Button, Card, Code, CopyButton, Group, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo } from 'react';

export function InstallFilesTabs({ target }: { target: InstallTarget }) {
  const files = useMemo(() => installFiles(target), [target]);
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h5">
          Files for this cluster
        </Title>
        <Tabs defaultValue={files[0]?.id} keepMounted={false}>
          <Tabs.List>
            {files.map((f) => (
              <Tabs.Tab key={f.id} value={f.id}>
                {f.title}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {files.map((f) => (
            <Tabs.Panel key={f.id} value={f.id} pt="sm">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm" style={{ flex: 1 }}>
                    <Code>{f.filename}</Code> — {f.purpose}
                  </Text>
                  <CopyButton value={f.content}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="default" onClick={copy} aria-label={`Copy ${f.filename}`} style={{ flexShrink: 0 }}>
                        {copied ? 'Copied' : 'Copy'}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
                <ScrollArea.Autosize mah={420}>
                  <Code block data-file={f.id}>
                    {f.content}
                  </Code>
                </ScrollArea.Autosize>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Card>
  );
}
