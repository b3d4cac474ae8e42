export declare const root: string;
export declare const bundle: string;
export declare function bundleIsCurrent(): boolean;
