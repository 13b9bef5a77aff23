import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts.ts';

/**
 * An ECharts chart that follows its box's size. `label` describes the chart for screen readers (the numbers are
 * also in the page's tables); `onSelect` hears the name of a clicked bar or area.
 */
export function Chart({
  option,
  height = 260,
  label,
  onSelect,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
  onSelect?(name: string): void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string') select.current?.(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
